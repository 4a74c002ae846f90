/**
 * What this phone remembers without an account (localStorage): the tracking codes of the concerns
 * raised here, the public concerns followed, the last region (so /track can link back to the org's
 * pages) and a random token of its own (a follow counts once per phone). Nothing personal is kept:
 * no name, no phone number.
 */
import { useSyncExternalStore } from 'react';

const KEY = 'xieshang.resident.v1';

export interface MyConcern {
  code: string;
  /** '' when the code was looked up from a tracking link of an unknown region */
  regionCode: string;
  savedAt: string;
}
interface Stored {
  codes: MyConcern[];
  followed: string[];
  regionCode: string | null;
  device: string | null;
}
const EMPTY: Stored = { codes: [], followed: [], regionCode: null, device: null };

function read(): Stored {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<Stored> | null;
    if (!v || typeof v !== 'object') return EMPTY;
    return {
      codes: Array.isArray(v.codes) ? v.codes.filter((c) => c && typeof c.code === 'string') : [],
      followed: Array.isArray(v.followed) ? v.followed.filter((id) => typeof id === 'string') : [],
      regionCode: typeof v.regionCode === 'string' ? v.regionCode : null,
      device: typeof v.device === 'string' && /^[0-9a-f]{32}$/.test(v.device) ? v.device : null,
    };
  } catch {
    // private mode or a damaged value: start afresh
    return EMPTY;
  }
}

let snapshot = read();
const listeners = new Set<() => void>();
function write(next: Stored) {
  snapshot = next;
  try {
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    /* storage full or disabled: kept for this visit only */
  }
  listeners.forEach((l) => l());
}
if (typeof window !== 'undefined')
  window.addEventListener('storage', (e) => {
    if (e.key !== KEY) return;
    snapshot = read();
    listeners.forEach((l) => l());
  });

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => void listeners.delete(l);
};

/** The phone's saved codes, followed ids and last region; re-renders when they change. */
export const useResidentStore = () => useSyncExternalStore(subscribe, () => snapshot);

export const residentStore = {
  get: () => snapshot,
  saveCode: (c: Omit<MyConcern, 'savedAt'>) => {
    const code = c.code.toUpperCase();
    const rest = snapshot.codes.filter((x) => x.code !== code);
    // newest first; a phone keeps at most 50 (the followed endpoint takes 50)
    write({ ...snapshot, codes: [{ ...c, code, savedAt: new Date().toISOString() }, ...rest].slice(0, 50) });
  },
  removeCode: (code: string) => write({ ...snapshot, codes: snapshot.codes.filter((x) => x.code !== code) }),
  isFollowed: (id: string) => snapshot.followed.includes(id),
  follow: (id: string) => {
    if (snapshot.followed.includes(id)) return;
    write({ ...snapshot, followed: [id, ...snapshot.followed].slice(0, 50) });
  },
  unfollow: (id: string) => write({ ...snapshot, followed: snapshot.followed.filter((x) => x !== id) }),
  setRegion: (regionCode: string) => {
    if (snapshot.regionCode !== regionCode) write({ ...snapshot, regionCode });
  },
  /** This phone's random token (made on first use; getRandomValues works on plain HTTP too, randomUUID does not). */
  device: () => {
    if (snapshot.device) return snapshot.device;
    const device = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
    write({ ...snapshot, device });
    return device;
  },
};
