import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The import boundaries of eslint.config.js, each shown to fire on a bad import and to let the
// allowed one through: a rule that cannot fail would enforce nothing.
const eslint = new ESLint();

/** The no-restricted-imports messages for one import line in a file at `filePath`. */
async function restricted(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import { x } from '${source}';\nexport { x };\n`, {
    filePath,
  });
  return result!.messages
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

describe('import boundaries', () => {
  it.each([
    [
      'src/features/conversation/components/a.tsx',
      '@/features/remote-images/hooks/use-image-failure.ts',
    ],
    ['src/features/conversation/components/a.tsx', '../../connection/stores/active-connection.ts'],
    ['src/features/conversation/inspector/hooks/a.ts', '../../../remote-images/api/page-policy.ts'],
    ['src/features/connection/components/a.tsx', '@/features/conversation/utils/rows.ts'],
    ['src/features/conversation/components/a.tsx', '@/app/app.tsx'],
    ['src/features/completions-list/hooks/a.ts', '@/app/early-requests.ts'],
    ['src/lib/a.ts', '@/features/conversation/utils/rows.ts'],
    ['src/lib/a.ts', '@/api/types.ts'],
    ['src/lib/vision/a.ts', '../../api/types.ts'],
    ['src/lib/a.ts', '@/app/routes.ts'],
    ['src/lib/a.ts', '../features/theme/theme.ts'],
    ['src/lib/a.ts', '@/components/error-state.tsx'],
    ['src/api/a.ts', '@/features/connection/index.ts'],
    ['src/api/a.ts', '@/app/routes.ts'],
    ['src/components/a.tsx', '@/features/theme/theme.ts'],
    ['src/app/a.ts', '../../server/main.ts'],
    ['src/features/theme/a.ts', '../../../server/data/prng.ts'],
    ['src/lib/a.ts', '../../e2e/helpers.ts'],
    ['src/api/a.ts', 'node:fs'],
  ])('%s may not import %s', async (file, source) => {
    expect(await restricted(file, source)).toHaveLength(1);
  });

  it.each([
    ['src/features/conversation/components/a.tsx', '@/features/remote-images/index.ts'],
    ['src/features/conversation/components/a.tsx', '@/features/conversation/utils/rows.ts'],
    ['src/features/conversation/inspector/components/a.tsx', '../../utils/rows.ts'],
    ['src/features/conversation/components/a.tsx', '@/app/routes.ts'],
    ['src/features/conversation/find/a.ts', '@/app/route-hooks.ts'],
    ['src/features/conversation/components/a.tsx', '@/api/keys.ts'],
    ['src/features/conversation/components/a.tsx', '@/lib/format.ts'],
    ['src/app/a.tsx', '@/features/conversation/components/conversation-page.tsx'],
    ['src/lib/vision/a.ts', '../format.ts'],
    ['src/api/a.ts', '@/lib/format.ts'],
    // Tests reach real servers and fixtures.
    ['src/api/a.test.ts', '../../server/main.ts'],
  ])('%s may import %s', async (file, source) => {
    expect(await restricted(file, source)).toEqual([]);
  });
});
