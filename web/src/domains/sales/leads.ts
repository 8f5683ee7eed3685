// The leads settings as the server keeps them, the queries that read them, and the web-to-lead
// snippet an administrator copies into their site.
import { useQuery } from '@tanstack/react-query';
import { get } from '../../app/api.ts';
import type { CaptureSettings, RoutingSettings, ScoreSummary } from '../../../../server/domains/sales/lead-settings-shape.ts';

export type { ConversionInput, ConversionResult, LeadMatch } from '../../../../server/domains/sales/lead-shape.ts';
export { CAPTURABLE_FIELDS, type AssignmentRule, type CaptureSettings, type RoutingSettings, type RuleMethod, type ScoreSummary, type TrainingSummary } from '../../../../server/domains/sales/lead-settings-shape.ts';

export const useCapture = (isEnabled: boolean) => useQuery({ queryKey: ['leads', 'capture'], queryFn: () => get<CaptureSettings>('/api/v1/sales/lead-capture'), enabled: isEnabled });
export const useRouting = (isEnabled: boolean) => useQuery({ queryKey: ['leads', 'routing'], queryFn: () => get<RoutingSettings>('/api/v1/sales/lead-routing'), enabled: isEnabled });
export const useScoreModel = () => useQuery({ queryKey: ['leads', 'score'], queryFn: () => get<ScoreSummary>('/api/v1/sales/lead-score') });

/** Users and teams to choose owners from (administrators only: the admin API). */
export function usePeople(isEnabled: boolean) {
  return useQuery({
    queryKey: ['leads', 'people'],
    enabled: isEnabled,
    queryFn: async () => {
      const [users, teams] = await Promise.all([
        get<{ data: Array<{ id: string; name: string; isActive?: boolean }> }>('/api/v1/admin/users?limit=500'),
        get<{ data: Array<{ id: string; name: string }> }>('/api/v1/admin/teams?limit=500'),
      ]);
      return { users: users.data, teams: teams.data };
    },
  });
}

/** A feature of the score model in words: `source=web` → "Source: Website", through the field's labels. */
export function describeFeature(
  feature: string,
  words: { fieldLabel: (field: string) => string; optionLabel: (field: string, value: string) => string; pair: (field: string, value: string) => string; hasEmail: string; hasPhone: string },
): string {
  if (feature === 'hasEmail') return words.hasEmail;
  if (feature === 'hasPhone') return words.hasPhone;
  const [field = '', value = ''] = feature.split('=');
  return words.pair(words.fieldLabel(field), words.optionLabel(field, value));
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The HTML form and small script a site embeds: the chosen fields, a honeypot hidden from people,
 * the time the form was shown, and the page's utm_* parameters sent along.
 */
export function formSnippet(endpoint: string, fields: Array<{ name: string; label: string; type: string }>, submit: string, thanks: string): string {
  const inputs = fields
    .map((f) => {
      const control = f.name === 'description' ? `<textarea name="${f.name}"></textarea>` : `<input name="${f.name}" type="${f.type}"${f.name === 'name' ? ' required' : ''}>`;
      return `  <label>${escapeHtml(f.label)} ${control}</label>`;
    })
    .join('\n');
  return `<form id="guanxi-lead-form">
${inputs}
  <input name="_hp" tabindex="-1" autocomplete="off" aria-hidden="true" style="position:absolute;left:-10000px">
  <button type="submit">${escapeHtml(submit)}</button>
</form>
<script>
(function () {
  var form = document.getElementById('guanxi-lead-form');
  var shownAt = Date.now();
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var body = { _fillMs: String(Date.now() - shownAt) };
    new FormData(form).forEach(function (value, key) { if (value !== '') body[key] = String(value); });
    var params = new URLSearchParams(location.search);
    [['utm_source', 'utmSource'], ['utm_medium', 'utmMedium'], ['utm_campaign', 'utmCampaign']].forEach(function (p) {
      if (params.get(p[0])) body[p[1]] = params.get(p[0]);
    });
    fetch(${JSON.stringify(endpoint)}, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (response) { if (response.ok) form.textContent = ${JSON.stringify(thanks)}; });
  });
})();
</script>`;
}
