import type { Place } from '../vocabulary';

// Text templates use {slot} placeholders (see ../text.ts for the slot list). A slot keeps its value
// for the whole article, so a headline and its lede name the same city, score or percentage;
// templates that need a second, different value use a numbered name such as {club2} or {n2}.

/**
 * One news angle. Headline, lede and facts of an article all come from the same story (plus the
 * topic's shared lines), so a "draw" headline never opens with a "victory" lede.
 */
export interface Story {
  headlines: readonly string[];
  /** Opening sentences; never include the dateline, which is stored separately. */
  ledes: readonly string[];
  facts: readonly string[];
  /** Direct quotes without closing punctuation; used for quote paragraphs and blockquotes. */
  quotes?: readonly string[];
  subtitles?: readonly string[];
  /** Overrides the topic's roles when only some speakers fit this angle. */
  roles?: readonly string[];
}

export interface Topic {
  /** Tag names (from vocabulary TAGS); the first is the article's main tag. */
  tags: readonly string[];
  /** Relative share of the section's stories. */
  weight: number;
  /** Who is quoted, e.g. "Menteri Pertanian"; becomes {role} and may itself contain slots. */
  roles: readonly string[];
  /** Overrides the section's dateline places. */
  places?: readonly Place[];
  stories: readonly Story[];
  /** Lines true of every story of the topic. */
  facts?: readonly string[];
  quotes?: readonly string[];
  /** Replace the section's sentences for topics they do not fit (football lines in a MotoGP story). */
  sentences?: readonly string[];
  /** Replace the section's photo captions. */
  captions?: readonly string[];
}

/** Shared sentence pools (see common.ts) a section may draw on. */
export type CommonPool = 'general' | 'policy' | 'local';

export interface SectionText {
  /** Where stories are datelined: 'jakarta' leans on the capital, 'foreign' on world capitals. */
  places: 'jakarta' | 'domestic' | 'foreign';
  /** The analyst's field in "pengamat {field} dari {university}". */
  field: string;
  common: readonly CommonPool[];
  topics: readonly Topic[];
  /** Body sentences that fit any topic of the section. */
  sentences: readonly string[];
  subheads: readonly string[];
  /** Photo captions for hero and body images. */
  captions: readonly string[];
}
