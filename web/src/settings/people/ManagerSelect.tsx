// Picks a user's manager by typing part of a name or e-mail (the users list can be long).
import { useState } from 'react';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, query } from '../../app/api.ts';
import { adminPath, type AdminUser, type Page } from './admin-api.ts';

interface Props {
  value: string | null;
  /** The current manager's name, shown before any search. */
  currentName?: string;
  /** The user being edited: they cannot be their own manager. */
  excludeId?: string;
  error?: string;
  onChange: (id: string | null, name: string) => void;
}

/** A searchable pick of one user, or none. */
export function ManagerSelect({ value, currentName, excludeId, error, onChange }: Props) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [debounced] = useDebouncedValue(typed.trim(), 200);
  const found = useQuery({
    queryKey: ['admin', 'users', 'pick', debounced],
    queryFn: () => get<Page<AdminUser>>(`${adminPath}/users${query({ q: debounced, limit: 20 })}`),
  });
  const options = (found.data?.data ?? []).filter((u) => u.id !== excludeId).map((u) => ({ value: u.id, label: u.name }));
  if (value && currentName && !options.some((o) => o.value === value)) options.unshift({ value, label: currentName });
  return (
    <Select
      label={t('settingsPeople.users.manager')}
      placeholder={t('settingsPeople.users.noManager')}
      data={options}
      value={value}
      searchable
      clearable
      filter={({ options: all }) => all}
      searchValue={typed}
      onSearchChange={setTyped}
      onChange={(id, option) => onChange(id, option?.label ?? '')}
      nothingFoundMessage={found.isPending ? '…' : t('settingsPeople.users.noMatch')}
      error={error}
    />
  );
}
