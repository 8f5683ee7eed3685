// The options of a pick-list being defined: each with its labels in both languages and a stored value
// (derived from the English label until typed by hand), added and removed by button.
import { ActionIcon, Button, Fieldset, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { toOptionValue } from './field-types.ts';

export interface OptionDraft {
  value: string;
  en: string;
  zh: string;
  isValueEdited: boolean;
}

export const emptyOption = (): OptionDraft => ({ value: '', en: '', zh: '', isValueEdited: false });

interface Props {
  options: OptionDraft[];
  onChange: (next: OptionDraft[]) => void;
  /** Errors by path (`options`, `options.1.value`, `options.1.label.en` …). */
  errors: Record<string, string>;
}

export function OptionsEditor({ options, onChange, errors }: Props) {
  const { t } = useTranslation();
  const update = (index: number, change: Partial<OptionDraft>) =>
    onChange(
      options.map((option, i) => {
        if (i !== index) return option;
        const next = { ...option, ...change };
        return change.en !== undefined && !option.isValueEdited ? { ...next, value: toOptionValue(change.en) } : next;
      }),
    );
  return (
    <Fieldset legend={t('settingsData.field.options')}>
      <Stack gap="xs">
        {errors.options && (
          <Text size="sm" c="red" role="alert">
            {errors.options}
          </Text>
        )}
        {options.map((option, i) => {
          const number = i + 1;
          return (
            <Group key={i} align="flex-start" gap="xs" wrap="wrap">
              <TextInput
                label={t('settingsData.field.optionEn', { number })}
                value={option.en}
                onChange={(e) => update(i, { en: e.currentTarget.value })}
                error={errors[`options.${i}.label.en`] ?? errors[`options.${i}.label`]}
                w={170}
              />
              <TextInput
                label={t('settingsData.field.optionZh', { number })}
                value={option.zh}
                onChange={(e) => update(i, { zh: e.currentTarget.value })}
                error={errors[`options.${i}.label.zh-CN`]}
                w={150}
              />
              <TextInput
                label={t('settingsData.field.optionValue', { number })}
                value={option.value}
                onChange={(e) => update(i, { value: e.currentTarget.value, isValueEdited: true })}
                error={errors[`options.${i}.value`]}
                w={150}
              />
              <ActionIcon
                mt={26}
                variant="subtle"
                color="red.9"
                onClick={() => onChange(options.filter((_, j) => j !== i))}
                aria-label={t('settingsData.field.removeOption', { number })}
                disabled={options.length === 1}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          );
        })}
        <Button variant="light" size="xs" onClick={() => onChange([...options, emptyOption()])} style={{ alignSelf: 'flex-start' }}>
          {t('settingsData.field.addOption')}
        </Button>
      </Stack>
    </Fieldset>
  );
}
