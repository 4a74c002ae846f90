import { z } from 'zod';

/** The days the platform deals in: any birth date, term or deadline fits, and PostgreSQL can hold every one (it has no year 0). */
const FIRST_DAY = '1900-01-01';
const LAST_DAY = '2100-12-31';

/** A calendar day as YYYY-MM-DD from 1900 to 2100; `what` names it in the Chinese messages. */
export const isoDate = (what: string) =>
  z.iso
    .date({ message: `${what}格式应为 YYYY-MM-DD` })
    .refine((d) => d >= FIRST_DAY && d <= LAST_DAY, { message: `${what}应在 1900 年至 2100 年之间` });
