import { Group, Tooltip } from '@mantine/core';
import { DownloadButton } from '../../components/download-button.js';
import { useTranslation } from 'react-i18next';
import { queryString } from '../../api/http.js';
import { currentLanguage } from '../../i18n/i18n.js';

type ExportButtonsProps = {
  /** The export endpoint of the list, e.g. `/api/v1/cases/export`. */
  path: string;
  /** The list's current filters: the file holds what the list shows with them. */
  filters: Record<string, string | number | null | undefined>;
};

/**
 * Downloads of a list as CSV and as Excel, with the list's filters and in the screen's
 * language. Plain links: the browser downloads with the session cookie, and the server
 * decides (and audits) what the file holds.
 */
export function ExportButtons({ path, filters }: ExportButtonsProps) {
  const { t } = useTranslation('exports');
  const href = (format: 'csv' | 'xlsx') =>
    `${path}${queryString({ ...filters, format, lang: currentLanguage() })}`;
  return (
    <Tooltip label={t('web.exportHint')} multiline w={280} withArrow>
      <Group gap="xs" wrap="wrap">
        <DownloadButton href={href('csv')} label={t('web.exportCsv')} />
        <DownloadButton href={href('xlsx')} label={t('web.exportXlsx')} />
      </Group>
    </Tooltip>
  );
}
