// autocannon's setupRequest for the raise part (requests.ts), loaded by autocannon's worker thread:
// every request a new resident (phone) from a new address (X-Forwarded-For; the app trusts the proxy)
// with one of the generated concerns, so no per-phone or per-address limit or challenge is reached.
const fs = require('node:fs');
const { threadId } = require('node:worker_threads');

const t = JSON.parse(fs.readFileSync(process.env.XS_BENCH_RAISE_FILE, 'utf8'));
let n = 0;

module.exports = (req) => {
  n += 1;
  const k = threadId * 10_000_000 + n;
  const c = t.texts[k % t.texts.length];
  const place = t.placeIds[k % t.placeIds.length];
  req.body = JSON.stringify({
    categoryId: t.categoryIds[c.category] ?? t.categoryIds['其他'],
    placeId: place,
    title: c.title,
    content: c.content,
    phone: `139${String(k % 100_000_000).padStart(8, '0')}`,
    consent: true,
  });
  req.headers = { ...req.headers, 'content-type': 'application/json', 'x-forwarded-for': `10.${(k >> 16) & 255}.${(k >> 8) & 255}.${k & 255}` };
  return req;
};
