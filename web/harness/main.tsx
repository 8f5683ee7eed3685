// Mounts one component of the app, with the app's providers and sample metadata, for the component
// tests (web/harness/harness.ts drives it in Chromium through Vite's dev server). Never built.
import '@mantine/core/styles.css';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import i18n from '../src/i18n/index.ts';
import type { ObjectDef } from '../src/app/metadata.ts';
import { FilterBar } from '../src/records/FilterBar.tsx';
import { filterFields, toFilter, type Condition } from '../src/records/filter-language.ts';
import { RecordForm } from '../src/records/RecordForm.tsx';
import { sampleObjects } from './samples.ts';

const params = new URLSearchParams(window.location.search);
await i18n.changeLanguage(params.get('lang') ?? 'zh-CN');
const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
client.setQueryData(['metadata'], new Map(sampleObjects.map((def) => [def.name, def])));
const defOf = (name: string) => sampleObjects.find((d) => d.name === name) as ObjectDef;

function FilterBarHarness() {
  const def = defOf(params.get('object') ?? 'contacts');
  const [conditions, setConditions] = useState<Condition[]>([]);
  return (
    <>
      <FilterBar def={def} conditions={conditions} onChange={setConditions} />
      <output data-testid="filter">{toFilter(filterFields(def, new Map(sampleObjects.map((d) => [d.name, d]))), conditions)}</output>
    </>
  );
}

function RecordFormHarness() {
  const def = defOf(params.get('object') ?? 'accounts');
  const [isOpen, setOpen] = useState(true);
  return isOpen ? <RecordForm def={def} onClose={() => setOpen(false)} /> : <output data-testid="closed">closed</output>;
}

const harnesses: Record<string, () => React.JSX.Element> = { FilterBar: FilterBarHarness, RecordForm: RecordFormHarness };
const Harness = harnesses[params.get('component') ?? ''] ?? (() => <p>unknown component</p>);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider>
      <QueryClientProvider client={client}>
        <MemoryRouter>
          <Harness />
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
