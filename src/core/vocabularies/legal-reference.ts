import type { Language } from '../languages.js';

// A legal reference (law, article) in each language's legal style, as Macao's bilingual
// legislation writes it: en "Law 6/97/M, art. 8", pt "Lei n.º 6/97/M, art. 8.º",
// zh-Hant 「第6/97/M號法律第八條」; the Penal Code's articles likewise ("Código Penal,
// art. 153.º-A", 「《刑法典》第一百五十三條-A」). Stored references stay in the English form the
// catalogue keeps (legal-qualifications.ts): `law` "Penal Code" or "Law <number>", `article`
// "153-A" or "153-A(2)" (paragraph 2).

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1–9999 in Chinese numerals as legal texts write article numbers (十, 十五, 一百零三, 一百五十三). */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n <= 0 || n > 9999) return String(n);
  const units = ['', '十', '百', '千'];
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i]!;
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) out += '零';
    zero = false;
    // 10–19 read 十, 十五 rather than 一十, 一十五.
    out += d === 1 && unit === '十' && out === '' ? unit : DIGITS[d]! + unit;
  });
  return out;
}

type Parsed = { number: number | null; raw: string; suffix: string; paragraph: string | null };

function parseArticle(article: string): Parsed {
  const m = /^(\d+)(-[A-Z])?(?:\((\d+)\))?$/.exec(article.trim());
  if (!m) return { number: null, raw: article, suffix: '', paragraph: null };
  return { number: Number(m[1]), raw: m[1]!, suffix: m[2] ?? '', paragraph: m[3] ?? null };
}

function lawText(law: string, language: Language): string {
  const numbered = /^Law (.+)$/.exec(law);
  if (law === 'Penal Code')
    return { en: 'Penal Code', pt: 'Código Penal', 'zh-Hant': '《刑法典》' }[language];
  if (law === 'Code of Criminal Procedure')
    return { en: law, pt: 'Código de Processo Penal', 'zh-Hant': '《刑事訴訟法典》' }[language];
  if (numbered)
    return { en: law, pt: `Lei n.º ${numbered[1]!}`, 'zh-Hant': `第${numbered[1]!}號法律` }[language];
  return law;
}

/** "Law 6/97/M, art. 8" / "Lei n.º 6/97/M, art. 8.º" / 「第6/97/M號法律第八條」. */
export function legalReference(law: string, article: string, language: Language): string {
  const a = parseArticle(article);
  const name = lawText(law, language);
  if (a.number === null) return language === 'zh-Hant' ? `${name}第${article}條` : `${name}, art. ${article}`;
  switch (language) {
    case 'en':
      return `${name}, art. ${a.raw}${a.suffix}${a.paragraph ? `(${a.paragraph})` : ''}`;
    case 'pt':
      return `${name}, art. ${a.raw}.º${a.suffix}${a.paragraph ? `, n.º ${a.paragraph}` : ''}`;
    case 'zh-Hant':
      return `${name}第${chineseNumber(a.number)}條${a.suffix}${a.paragraph ? `第${chineseNumber(Number(a.paragraph))}款` : ''}`;
  }
}
