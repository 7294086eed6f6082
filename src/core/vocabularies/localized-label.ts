import type { Language } from '../languages.js';

/** One human-readable text in every language Guia ships; zh-Hant as written in Macao and Hong Kong. */
export type LocalizedLabel = Readonly<Record<Language, string>>;
