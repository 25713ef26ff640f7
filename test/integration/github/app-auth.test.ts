/** A GitHub App installation: octokit trades the app's JWT for an installation token, then calls with that token. */
import { generateKeyPairSync } from 'node:crypto';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createTestCodeHost, fixture, useGitHubNock } from './github-nock.js';

useGitHubNock();

describe('GitHub App auth', () => {
  it('gets an installation token once and uses it for the calls', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const port = createTestCodeHost({ auth: { appId: 1234, privateKey, installationId: 42 } });
    nock('https://api.github.com', { reqheaders: { authorization: /^bearer [\w-]+\.[\w-]+\.[\w-]+$/i } })
      .post('/app/installations/42/access_tokens')
      .reply(201, { token: 'ghs_installationToken123', expires_at: '2099-01-01T00:00:00Z', permissions: { issues: 'write' }, repository_selection: 'all' });
    const withToken = nock('https://api.github.com', { reqheaders: { authorization: 'token ghs_installationToken123' } });
    withToken.get('/repos/acme/checkout/issues/120').twice().reply(200, fixture('get-issue.200.json'));

    expect(await port.getIssue('acme/checkout', 120)).toMatchObject({ number: 120 });
    expect(await port.getIssue('acme/checkout', 120)).toMatchObject({ number: 120 });
    expect(port.status().detail).toBe('GitHub at api.github.com (GitHub App 1234, installation 42)');
    expect(port.status().detail).not.toContain('BEGIN');
  });
});
