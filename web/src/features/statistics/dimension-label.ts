import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { dimensionValueText } from '../../../../src/core/statistics/dimension-values.js';
import { currentLanguage } from '../../i18n/i18n.js';

/**
 * Words for the indicator engine's dimension values in the language on screen: code lists,
 * countries by name, the engine's own groupings, case stages. Agencies stay as their short
 * code (the public page knows no agency list); an unknown value shows as stored. Re-renders on a
 * language change, since it reads `t`.
 */
export function useDimensionLabel(): (dimension: string | undefined, value: string | null) => string {
  const { t } = useTranslation(['statistics', 'common']);
  const language = currentLanguage();
  // Stable while the language is, so a chart drawn with it is not redrawn on every render.
  return useCallback(
    (dimension: string | undefined, value: string | null) => {
      if (value === null) return t('statistics:publication.public.notRecorded');
      if (!dimension) return value;
      if (dimension === 'stage') return t(`common:caseStage.${value}`, { defaultValue: value }) as string;
      return dimensionValueText(dimension, value, language) ?? value;
    },
    [t, language],
  );
}
