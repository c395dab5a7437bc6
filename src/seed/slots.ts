import type { Random } from './random';
import { toWibWallClock } from '../common/time';
import {
  ARTISTS,
  BANDS,
  CLUBS,
  COMPANIES,
  DAY_NAMES,
  FILMS,
  FIRST_NAMES,
  LAST_NAMES,
  NATIONAL_OPPONENTS,
  PHONE_BRANDS,
  REGENCIES,
  UNIVERSITIES,
  type Place,
} from './vocabulary';

// Fills {slot} placeholders in the text templates. A slot keeps its first value for the whole
// article (the headline's score is the lede's score); a numbered variant ({club2}, {n2}) is a
// separate slot, and slots of one kind never repeat a value (two different clubs, two people).

export interface SlotContext {
  rng: Random;
  place: Place;
  /** Roles of the story's speakers; {role} picks one. */
  roles: readonly string[];
  /** "pengamat {field} dari {university}" */
  field: string;
  /** The article's own date, so "{when}" in a lede matches its publication day (in WIB). */
  date: Date;
  values: Map<string, string>;
  used: Map<string, Set<string>>;
}

export function createSlotContext(rng: Random, place: Place, roles: readonly string[], field: string, date: Date): SlotContext {
  return { rng, place, roles, field, date, values: new Map(), used: new Map() };
}

/** Indonesian number formatting: "." groups thousands, "," separates decimals. */
function thousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

function decimal(rng: Random, min: number, max: number): string {
  return rng.float(min, max).toFixed(1).replace('.', ',');
}

function personName(rng: Random): string {
  return `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
}

/** "Senin (24/11/2026)", the customary date form in Indonesian news copy. */
export function formatNewsDate(date: Date): string {
  const wib = toWibWallClock(date);
  const day = DAY_NAMES[wib.getUTCDay()];
  return `${day} (${wib.getUTCDate()}/${wib.getUTCMonth() + 1}/${wib.getUTCFullYear()})`;
}

function winningScore(rng: Random): string {
  const loser = rng.pick([0, 0, 0, 1, 1, 2]);
  return `${loser + rng.pick([1, 1, 2, 3])}-${loser}`;
}

function initials(rng: Random): string {
  const letters = 'ABDFHIJKMNRSTWY';
  return rng.pick(letters.split('')) + rng.pick(letters.split(''));
}

interface Resolver {
  /** Slots of one kind share a set of used values so they never collide. */
  kind: string;
  make: (ctx: SlotContext) => string;
}

const RESOLVERS: Record<string, Resolver> = {
  city: { kind: 'city', make: (ctx) => ctx.place.city },
  province: { kind: 'province', make: (ctx) => ctx.place.province },
  regency: { kind: 'regency', make: (ctx) => ctx.rng.pick(REGENCIES[ctx.place.province] ?? [ctx.place.city]) },
  when: { kind: 'when', make: (ctx) => formatNewsDate(ctx.date) },
  year: { kind: 'year', make: (ctx) => String(toWibWallClock(ctx.date).getUTCFullYear()) },
  field: { kind: 'field', make: (ctx) => ctx.field },
  role: { kind: 'role', make: (ctx) => fill(ctx.rng.pick(ctx.roles), ctx) },
  official: { kind: 'person', make: (ctx) => personName(ctx.rng) },
  expert: { kind: 'person', make: (ctx) => personName(ctx.rng) },
  resident: { kind: 'person', make: (ctx) => personName(ctx.rng) },
  player: { kind: 'person', make: (ctx) => personName(ctx.rng) },
  university: { kind: 'university', make: (ctx) => ctx.rng.pick(UNIVERSITIES) },
  age: { kind: 'age', make: (ctx) => String(ctx.rng.int(23, 67)) },
  initials: { kind: 'initials', make: (ctx) => initials(ctx.rng) },
  n: { kind: 'n', make: (ctx) => String(ctx.rng.int(2, 12)) },
  digit: { kind: 'digit', make: (ctx) => String(ctx.rng.int(1, 9)) },
  big: { kind: 'big', make: (ctx) => thousands(ctx.rng.int(12, 980) * 10) },
  pct: { kind: 'pct', make: (ctx) => decimal(ctx.rng, 1.1, 9.8) },
  trillion: { kind: 'trillion', make: (ctx) => decimal(ctx.rng, 2, 48) },
  rp: { kind: 'rp', make: (ctx) => thousands(ctx.rng.int(250, 338) * 50) },
  fx: { kind: 'fx', make: (ctx) => thousands(ctx.rng.int(3160, 3390) * 5) },
  score: { kind: 'score', make: (ctx) => winningScore(ctx.rng) },
  minute: { kind: 'minute', make: (ctx) => String(ctx.rng.int(3, 89)) },
  opponent: { kind: 'opponent', make: (ctx) => ctx.rng.pick(NATIONAL_OPPONENTS) },
  club: { kind: 'club', make: (ctx) => ctx.rng.pick(CLUBS) },
  artist: { kind: 'artist', make: (ctx) => ctx.rng.pick(ARTISTS) },
  band: { kind: 'band', make: (ctx) => ctx.rng.pick(BANDS) },
  film: { kind: 'film', make: (ctx) => ctx.rng.pick(FILMS) },
  company: { kind: 'company', make: (ctx) => ctx.rng.pick(COMPANIES) },
  brand: { kind: 'brand', make: (ctx) => ctx.rng.pick(PHONE_BRANDS) },
};

// {n2} is "another small number" but from a wider range, so "21-{n2}" and "{n2}0 ribu" read well.
const RANGE_OVERRIDES: Record<string, Resolver> = {
  n2: { kind: 'n', make: (ctx) => String(ctx.rng.int(3, 19)) },
};

function resolve(name: string, ctx: SlotContext): string {
  const cached = ctx.values.get(name);
  if (cached !== undefined) return cached;
  const resolver = RANGE_OVERRIDES[name] ?? RESOLVERS[name.replace(/\d+$/, '')];
  if (!resolver) throw new Error(`unknown template slot {${name}}`);
  let used = ctx.used.get(resolver.kind);
  if (!used) {
    used = new Set();
    ctx.used.set(resolver.kind, used);
  }
  let value = resolver.make(ctx);
  // A few retries are enough to avoid a repeat; small pools may still repeat, which is harmless.
  for (let attempt = 0; attempt < 8 && used.has(value); attempt += 1) value = resolver.make(ctx);
  used.add(value);
  ctx.values.set(name, value);
  return value;
}

export function fill(template: string, ctx: SlotContext): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => resolve(name, ctx));
}

/** Fills a template and capitalises its first letter: a role such as "pelatih {club}" may open a sentence. */
export function sentence(template: string, ctx: SlotContext): string {
  const text = fill(template, ctx);
  return text.charAt(0).toUpperCase() + text.slice(1);
}
