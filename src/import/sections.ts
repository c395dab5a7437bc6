import { slugify } from '../content/slug';
import { cleanInline, isMissing } from './text';

// Source categories → Kabar sections. Publishers spell the same rubric differently ("nasional",
// "Nasional", "NASIONAL"; "Super Skor" and "Sport"), so a category is slugified and then looked up
// in an alias map; a publisher's own map (--section-map) extends or overrides the built-in one.

/** Display names of the common rubrics of Indonesian portals, by slug. */
const NAMES: Record<string, string> = {
  berita: 'Berita',
  nasional: 'Nasional',
  regional: 'Regional',
  internasional: 'Internasional',
  ekonomi: 'Ekonomi',
  olahraga: 'Olahraga',
  hiburan: 'Hiburan',
  teknologi: 'Teknologi',
  'gaya-hidup': 'Gaya Hidup',
  otomotif: 'Otomotif',
  kesehatan: 'Kesehatan',
  pendidikan: 'Pendidikan',
  wisata: 'Wisata',
  sains: 'Sains',
  metropolitan: 'Metropolitan',
  kriminal: 'Kriminal',
  opini: 'Opini',
  politik: 'Politik',
  hukum: 'Hukum',
};

/** Spellings and synonyms that mean the same rubric everywhere (not publisher-specific rubrics). */
export const DEFAULT_SECTION_ALIASES: Record<string, string> = {
  'berita-utama': 'berita',
  headline: 'berita',
  headlines: 'berita',
  utama: 'berita',
  news: 'berita',
  umum: 'berita',
  uncategorized: 'berita',
  'tak-berkategori': 'berita',
  'tanpa-kategori': 'berita',
  national: 'nasional',
  'berita-nasional': 'nasional',
  international: 'internasional',
  dunia: 'internasional',
  world: 'internasional',
  global: 'internasional',
  mancanegara: 'internasional',
  'luar-negeri': 'internasional',
  'berita-internasional': 'internasional',
  daerah: 'regional',
  nusantara: 'regional',
  'berita-daerah': 'regional',
  bisnis: 'ekonomi',
  'ekonomi-bisnis': 'ekonomi',
  ekbis: 'ekonomi',
  business: 'ekonomi',
  economy: 'ekonomi',
  keuangan: 'ekonomi',
  finance: 'ekonomi',
  money: 'ekonomi',
  sport: 'olahraga',
  sports: 'olahraga',
  'super-skor': 'olahraga',
  superskor: 'olahraga',
  bola: 'olahraga',
  'sepak-bola': 'olahraga',
  sepakbola: 'olahraga',
  seleb: 'hiburan',
  selebriti: 'hiburan',
  selebritis: 'hiburan',
  entertainment: 'hiburan',
  showbiz: 'hiburan',
  celebrity: 'hiburan',
  infotainment: 'hiburan',
  techno: 'teknologi',
  tekno: 'teknologi',
  tech: 'teknologi',
  technology: 'teknologi',
  teknologi: 'teknologi',
  lifestyle: 'gaya-hidup',
  'life-style': 'gaya-hidup',
  health: 'kesehatan',
  sehat: 'kesehatan',
  travel: 'wisata',
  traveling: 'wisata',
  pariwisata: 'wisata',
  tourism: 'wisata',
  edukasi: 'pendidikan',
  education: 'pendidikan',
  oto: 'otomotif',
  automotive: 'otomotif',
  metro: 'metropolitan',
  megapolitan: 'metropolitan',
  'hukum-kriminal': 'kriminal',
  crime: 'kriminal',
  science: 'sains',
};

export type SectionTarget = { slug: string; name: string };

export interface SectionMapperOptions {
  /** Extra aliases: category (any spelling) → section slug, or → { slug, name }. */
  aliases?: Record<string, string | { slug: string; name?: string }>;
  /** Section for articles without a usable category. */
  defaultSection?: string;
}

export type SectionMapper = (categories: readonly (string | null | undefined)[]) => SectionTarget;

function titleCase(text: string): string {
  return text === text.toLowerCase() ? text.replace(/(^|\s)\p{L}/gu, (c) => c.toUpperCase()) : text;
}

export function createSectionMapper(options: SectionMapperOptions = {}): SectionMapper {
  const aliases = new Map<string, SectionTarget>();
  const target = (slug: string, name?: string): SectionTarget => ({ slug, name: name ?? NAMES[slug] ?? titleCase(slug.replace(/-/g, ' ')) });
  for (const [from, to] of Object.entries(DEFAULT_SECTION_ALIASES)) aliases.set(from, target(to));
  for (const [from, to] of Object.entries(options.aliases ?? {})) {
    const key = slugify(from);
    if (typeof to === 'string') aliases.set(key, target(slugify(to)));
    else aliases.set(key, target(slugify(to.slug), to.name));
  }
  const fallbackSlug = slugify(options.defaultSection ?? 'berita') || 'berita';
  const fallback = aliases.get(fallbackSlug) ?? target(fallbackSlug);
  return (categories) => {
    for (const category of categories) {
      if (isMissing(category)) continue;
      const name = cleanInline(category!);
      const slug = slugify(name, 60);
      if (!slug) continue;
      return aliases.get(slug) ?? { slug, name: NAMES[slug] ?? titleCase(name) };
    }
    return fallback;
  };
}
