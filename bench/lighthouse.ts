// Lighthouse (desktop settings) against a page of the running app, through a Chromium that is
// already signed in: its storage is kept, so the measured page is the real screen, not sign-in.
import lighthouse, { desktopConfig } from 'lighthouse';

export interface LighthouseScores {
  performance: number;
  accessibility: number;
  bestPractices: number;
  /** Audits that cost points, worst first, to say what to fix. */
  failing: { id: string; score: number; title: string }[];
}

const categories = ['performance', 'accessibility', 'best-practices'];

/** Scores one URL (0–100 per category) in the Chromium listening on `port`. */
export async function runLighthouse(url: string, port: number): Promise<LighthouseScores> {
  const result = await lighthouse(
    url,
    { port, output: 'json', logLevel: 'error', onlyCategories: categories, disableStorageReset: true },
    desktopConfig,
  );
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { categories: scores, audits } = result.lhr;
  const score = (id: string) => Math.round((scores[id]?.score ?? 0) * 100);
  const failing = Object.values(audits)
    .filter((a) => typeof a.score === 'number' && a.score < 0.9 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual')
    .map((a) => ({ id: a.id, score: Math.round((a.score ?? 0) * 100), title: a.title }))
    .sort((a, b) => a.score - b.score);
  return { performance: score('performance'), accessibility: score('accessibility'), bestPractices: score('best-practices'), failing };
}
