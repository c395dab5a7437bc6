import type { SectionKey } from '../vocabulary';
import { EKONOMI } from './ekonomi';
import { GLOBAL } from './global';
import { HIBURAN } from './hiburan';
import { NASIONAL } from './nasional';
import { OLAHRAGA } from './olahraga';
import { REGIONAL } from './regional';
import { TEKNOLOGI } from './teknologi';
import type { SectionText } from './types';

export type { SectionText, Topic } from './types';
export { CLOSING_SENTENCES, COMMON_SENTENCES, QUOTE_FRAMES_FIRST, QUOTE_FRAMES_LATER } from './common';

export const SECTION_TEXT: Record<SectionKey, SectionText> = {
  nasional: NASIONAL,
  regional: REGIONAL,
  global: GLOBAL,
  ekonomi: EKONOMI,
  olahraga: OLAHRAGA,
  hiburan: HIBURAN,
  teknologi: TEKNOLOGI,
};
