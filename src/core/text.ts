import { z } from 'zod';

// Names are shown to people and printed in documents. Control characters (C0, DEL, C1,
// NUL among them) have no place in a name; bidirectional controls make a name display
// differently from how it is stored and searched ("Lei" shown as someone else), so both
// are refused rather than silently removed. Names are stored in Unicode NFC, so the same
// name typed on two keyboards is the same text.

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlCharacter = /[\u0000-\u001f\u007f-\u009f]/u;
// Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), the directional marks
// U+200E/U+200F and the Arabic letter mark U+061C.
const bidiControl = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/** Why a text cannot be a name, or null when it can. */
export function nameProblem(text: string): 'control_character' | 'bidi_control' | null {
  if (controlCharacter.test(text)) return 'control_character';
  if (bidiControl.test(text)) return 'bidi_control';
  return null;
}

/** A person's, user's or agency's name: trimmed, NFC, 1–`max` characters, no control or bidi characters. */
export function SafeName(max: number) {
  return z
    .string()
    .trim()
    .normalize('NFC')
    .min(1)
    .max(max)
    .superRefine((text, ctx) => {
      const problem = nameProblem(text);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}
