import type { GuidelinePublishRequestInput, GuidelineSectionInput } from '../../contract';

/** A valid section; override what the test is about. */
export function sectionDoc(overrides: Partial<GuidelineSectionInput> = {}): GuidelineSectionInput {
  return {
    id: 'hate-speech',
    heading: '1. Hate speech',
    body: '§1.2 Generalisations that dehumanise a protected group are removed.',
    policies: ['hate_speech'],
    categories: ['News'],
    labels: ['remove'],
    keywords: ['slur'],
    ...overrides,
  };
}

/** A valid guideline version as an admin would publish it as JSON; override what the test is about. */
export function guidelineDoc(overrides: Partial<GuidelinePublishRequestInput> = {}): GuidelinePublishRequestInput {
  return {
    guidelineId: 'acme-handbook',
    site: 'acme',
    title: 'Acme handbook',
    version: 'acme-1',
    effectiveFrom: '2026-01-01T00:00:00.000Z',
    sections: [
      sectionDoc(),
      sectionDoc({
        id: 'spam',
        heading: '2. Spam',
        body: '§2.1 Off-platform links to scams are removed.',
        policies: ['spam'],
        categories: [],
        labels: [],
        keywords: [],
      }),
    ],
    ...overrides,
  };
}
