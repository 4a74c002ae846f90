import type { FastifyInstance } from 'fastify';
import { AppError } from '../../core/errors.js';
import { ctxOf, errorResponses, IdParams, zapp } from '../../core/http.js';
import { PhotoView } from '../request/request.schema.js';
import { PHOTO_BODY_LIMIT, readFileFor, uploadAnswerPhoto } from './file.service.js';

const tags = ['附件'];
export const IMAGE_TYPES = ['application/octet-stream', 'image/jpeg', 'image/png'];

/** The raw image is the request body (no multipart form): parsed here, for this plugin's routes only. */
export const addImageParser = (app: FastifyInstance) =>
  app.addContentTypeParser(IMAGE_TYPES, { parseAs: 'buffer', bodyLimit: PHOTO_BODY_LIMIT }, (_req, body, done) => done(null, body));

export const bodyBytes = (body: unknown) => {
  if (!Buffer.isBuffer(body)) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以图片文件作为请求体上传（image/jpeg、image/png 或 application/octet-stream）');
  return body;
};

export async function fileRoutes(app: FastifyInstance) {
  const r = zapp(app);
  addImageParser(app);
  r.post(
    '/api/files/photos',
    {
      config: { access: 'signedIn' },
      bodyLimit: PHOTO_BODY_LIMIT,
      schema: {
        tags,
        summary: '上传答复用照片（委员、机关干部；请求体为 JPG/PNG 图片，≤5 MB；去除 EXIF/GPS 后保存）',
        response: { 200: PhotoView, ...errorResponses },
      },
    },
    async (req) => uploadAnswerPhoto(ctxOf(req), bodyBytes(req.body)),
  );
  r.get(
    '/api/files/:id',
    { config: { access: 'signedIn' }, schema: { tags, summary: '诉求或答复的照片（本组织机关干部、领导、委员）', params: IdParams } },
    async (req, reply) => {
      const f = await readFileFor(ctxOf(req), req.params.id);
      return reply.header('content-type', f.mime).header('cache-control', 'private, max-age=86400').send(f.bytes);
    },
  );
}
