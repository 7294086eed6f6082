import { SegmentedControl, Stack, Text, type SegmentedControlProps } from '@mantine/core';

/** A segmented choice with a visible label above it that also names it for assistive technology. */
export function LabelledSegments({
  id,
  label,
  ...control
}: { id: string; label: string } & SegmentedControlProps) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id={id}>
        {label}
      </Text>
      <SegmentedControl aria-labelledby={id} {...control} />
    </Stack>
  );
}
