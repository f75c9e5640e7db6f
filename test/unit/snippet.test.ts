import { describe, expect, it } from 'vitest';
import { snippetOf } from '../../utils/guidelines/snippet';

describe('snippetOf', () => {
  it("keeps the first paragraph's first sentence as text, without markdown syntax", () => {
    expect(snippetOf('**§5.3** Contested claims get a [label](https://example.org), not removal. More here.')).toBe(
      '§5.3 Contested claims get a label, not removal.',
    );
  });
  it('skips a heading to reach the first paragraph', () => {
    expect(snippetOf('## Misinformation\n\nHealth claims naming a cure are removed.')).toBe(
      'Health claims naming a cure are removed.',
    );
  });
  it('drops raw HTML, so a hostile body stays text', () => {
    expect(snippetOf('<img src=x onerror=alert(1)>Threats are removed.')).toBe('Threats are removed.');
  });
  it('ends a Chinese sentence at its full stop', () => {
    expect(snippetOf('可信或隐晦的威胁一律删除。其余情况升级。')).toBe('可信或隐晦的威胁一律删除。');
  });
  it('cuts a long sentence with an ellipsis', () => {
    const snippet = snippetOf(`${'word '.repeat(100)}end.`, 40);
    expect(snippet).toHaveLength(40);
    expect(snippet.endsWith('…')).toBe(true);
  });
});
