import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ctxOf, errorResponses, IdParams, zapp } from '../../core/http.js';
import { CommitteeBody, CommitteeUpdateBody, CommitteeView, SectorBody, SectorUpdateBody, SectorView } from './sector.schema.js';
import { createSector, deleteSector, listCommittees, listSectors, saveCommittee, updateSector } from './sector.service.js';

const tags = ['界别与专委会'];
const Sectors = z.array(SectorView);
const Committees = z.array(CommitteeView);
const manage = { access: 'structure.manage' as const };

export async function sectorRoutes(app: FastifyInstance) {
  const r = zapp(app);
  r.get('/api/sectors', { config: { access: 'structure.read' }, schema: { tags, summary: '界别（含在任委员人数）', response: { 200: Sectors, ...errorResponses } } }, async (req) =>
    listSectors(ctxOf(req)),
  );
  r.post('/api/sectors', { config: manage, schema: { tags, summary: '新建界别', body: SectorBody, response: { 200: Sectors, ...errorResponses } } }, async (req) =>
    createSector(ctxOf(req), req.body),
  );
  r.put(
    '/api/sectors/:id',
    { config: manage, schema: { tags, summary: '修改界别（名称和排序）', params: IdParams, body: SectorUpdateBody, response: { 200: Sectors, ...errorResponses } } },
    async (req) => updateSector(ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/sectors/:id',
    { config: manage, schema: { tags, summary: '删除没有委员的界别', params: IdParams, response: { 200: Sectors, ...errorResponses } } },
    async (req) => deleteSector(ctxOf(req), req.params.id),
  );
  r.get(
    '/api/committees',
    { config: { access: 'structure.read' }, schema: { tags, summary: '专委会及其联系的界别', response: { 200: Committees, ...errorResponses } } },
    async (req) => listCommittees(ctxOf(req)),
  );
  r.post('/api/committees', { config: manage, schema: { tags, summary: '新建专委会', body: CommitteeBody, response: { 200: Committees, ...errorResponses } } }, async (req) =>
    saveCommittee(ctxOf(req), null, req.body),
  );
  r.put(
    '/api/committees/:id',
    { config: manage, schema: { tags, summary: '修改专委会及其联系的界别（须全部提交）', params: IdParams, body: CommitteeUpdateBody, response: { 200: Committees, ...errorResponses } } },
    async (req) => saveCommittee(ctxOf(req), req.params.id, req.body),
  );
}
