/**
 * Strict ISO-8601 date-times (`2017-06-20T02:43:04.123Z`, or with an offset
 * `+02:00`), to seconds since 1970-01-01 UTC. `Date.parse` is not used
 * because it also accepts many forms that are not ISO-8601 and differs
 * between engines on some of them.
 */

const PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** Seconds since the Unix epoch, or `undefined` if `text` is not a valid date-time. */
export function parseIsoTimeSec(text: string): number | undefined {
  const m = PATTERN.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  if (month < 1 || month > 12) return undefined;
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const fraction = m[7] ? Number(`0${m[7]}`) : 0;
  const offsetSec = parseOffsetSec(m[8]!);
  if (offsetSec === undefined) return undefined;
  const days = daysFromCivil(year, month, day);
  return days * 86_400 + hour * 3600 + minute * 60 + second + fraction - offsetSec;
}

function parseOffsetSec(zone: string): number | undefined {
  if (zone === 'Z') return 0;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  if (hours > 23 || minutes > 59) return undefined;
  return (zone[0] === '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days from 1970-01-01 to the given proleptic Gregorian date. */
function daysFromCivil(year: number, month: number, day: number): number {
  // Count from 1 March so that the leap day falls at the end of the year.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const leapDays = Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100);
  const dayOfEra = yearOfEra * 365 + leapDays + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
