import { DataList } from '@mantine/core';
import type { ReactNode } from 'react';

// Labelled facts of a record, as a description list (<dl>): assistive technology reads
// each value with its label.

export function Details({ children, labelWidth = 220 }: { children: ReactNode; labelWidth?: number }) {
  return (
    <DataList size="sm" labelWidth={labelWidth} gap={6}>
      {children}
    </DataList>
  );
}

export function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel c="dimmed">{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}
