import {
  Badge,
  createTheme,
  darken,
  defaultVariantColorsResolver,
  type CSSVariablesResolver,
  type MantineColorsTuple,
  type VariantColorsResolver,
} from '@mantine/core';

// A calm, sober blue. Shade 7 is the primary shade: white text on it stays above the
// WCAG AA contrast ratio (Mantine's default shade 6 does not).
const guiaBlue: MantineColorsTuple = [
  '#eaf2f9',
  '#d3e3f0',
  '#a7c6e1',
  '#78a8d1',
  '#5190c4',
  '#3a80bc',
  '#2b70ab',
  '#1f5f95',
  '#155384',
  '#034573',
];

// Chinese text needs a Traditional Chinese face; the system ones are listed for each platform.
const fontFamily =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK TC", "Noto Sans TC", "PingFang TC", "Microsoft JhengHei", sans-serif';

// The light and subtle variants write in shade 6 of their colour, too pale on a tinted
// background for the WCAG AA contrast ratio (even shade 9 is, for green); a darkened
// shade 9 of the same colour keeps the look and reads well.
const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  const name = input.color ?? input.theme.primaryColor;
  const shades = input.theme.colors[name];
  if ((input.variant === 'light' || input.variant === 'subtle') && shades) {
    return { ...colors, color: darken(shades[9], 0.3) };
  }
  return colors;
};

export const theme = createTheme({
  variantColorResolver,
  colors: { guia: guiaBlue },
  primaryColor: 'guia',
  primaryShade: { light: 7, dark: 5 },
  fontFamily,
  headings: { fontFamily, fontWeight: '600' },
  defaultRadius: 'md',
  cursorType: 'pointer',
  // Keyboard users must always see where they are.
  focusRing: 'auto',
  components: {
    // Capitals read as shouting, and do not exist in Chinese: badges keep the words' case.
    Badge: Badge.extend({ defaultProps: { tt: 'none' } }),
  },
});

// Mantine's dimmed grey (gray.6) is below the contrast needed for body text; gray.7 is not.
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: { '--mantine-color-dimmed': t.colors.gray[7] ?? '#495057' },
  dark: {},
});
