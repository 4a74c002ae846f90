import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ctxOf, errorResponses, IdParams, zapp } from '../../core/http.js';
import { PlaceCreateBody, PlaceUpdateBody, PlaceView } from './place.schema.js';
import { createPlaces, deletePlace, listPlaces, updatePlace } from './place.service.js';

const tags = ['乡镇与村社区'];
const Places = z.array(PlaceView);
const manage = { access: 'structure.manage' as const };

export async function placeRoutes(app: FastifyInstance) {
  const r = zapp(app);
  r.get('/api/places', { config: { access: 'structure.read' }, schema: { tags, summary: '乡镇及其村、社区（含联系的小组）', response: { 200: Places, ...errorResponses } } }, async (req) =>
    listPlaces(ctxOf(req)),
  );
  r.post('/api/places', { config: manage, schema: { tags, summary: '新增乡镇，或在一个乡镇下批量新增村、社区', body: PlaceCreateBody, response: { 200: Places, ...errorResponses } } }, async (req) =>
    createPlaces(ctxOf(req), req.body),
  );
  r.put('/api/places/:id', { config: manage, schema: { tags, summary: '修改地名或排序', params: IdParams, body: PlaceUpdateBody, response: { 200: Places, ...errorResponses } } }, async (req) =>
    updatePlace(ctxOf(req), req.params.id, req.body),
  );
  r.delete('/api/places/:id', { config: manage, schema: { tags, summary: '删除没有下属村社区、未被小组联系的地方', params: IdParams, response: { 200: Places, ...errorResponses } } }, async (req) =>
    deletePlace(ctxOf(req), req.params.id),
  );
}
