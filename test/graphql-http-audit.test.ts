import { serverAudits } from 'graphql-http';
import { useTestApp } from './helpers/app';

// The GraphQL-over-HTTP conformance suite from the graphql-http package, run against /graphql.
const { client } = useTestApp();

const audits = serverAudits({
  url: 'http://kabar.test/graphql',
  fetchFn: (input: RequestInfo | URL, init?: RequestInit) => client.app.fetch(new Request(input as string, init)),
});

describe('graphql-http server audits', () => {
  it('covers the MUST audits', () => {
    expect(audits.filter((audit) => audit.name.startsWith('MUST')).length).toBeGreaterThan(10);
  });

  for (const audit of audits.filter((a) => a.name.startsWith('MUST'))) {
    it(audit.name, async () => {
      const result = await audit.fn();
      expect({ status: result.status, reason: 'reason' in result ? result.reason : undefined }).toEqual({ status: 'ok', reason: undefined });
    });
  }
});
