import type { CSSProperties } from 'react';

/**
 * Badges of the case screens show words as written (Mantine's capitals do not suit Chinese or
 * codes), and at their full width: in a narrow table column a status must not be cut short.
 */
export const plainBadge: CSSProperties = { textTransform: 'none', minWidth: 'max-content', flexShrink: 0 };
