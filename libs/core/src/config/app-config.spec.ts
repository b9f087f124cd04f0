import { loadConfig } from './app-config.js';

describe('the publisher of the checks (PUBLISHER_NAME, PUBLISHER_URL, PUBLIC_URL)', () => {
  it('has defaults: a name, and the addresses of the requests', () => {
    const config = loadConfig({});
    expect(config.publisherName).toBe('Police discipline tracker');
    expect(config.publisherUrl).toBeUndefined();
    expect(config.publicUrl).toBeUndefined();
  });

  it('takes them from the environment, without a trailing slash', () => {
    const config = loadConfig({
      PUBLISHER_NAME: ' CamboJA Fact Check ',
      PUBLISHER_URL: 'https://factcheck.example.org/',
      PUBLIC_URL: 'https://tracker.example.org',
    });
    expect(config).toMatchObject({
      publisherName: 'CamboJA Fact Check',
      publisherUrl: 'https://factcheck.example.org',
      publicUrl: 'https://tracker.example.org',
    });
  });

  it.each([
    ['PUBLISHER_URL', 'factcheck.example.org'],
    ['PUBLISHER_URL', 'ftp://factcheck.example.org'],
    ['PUBLIC_URL', 'javascript:alert(1)'],
  ])('refuses %s=%s at start, saying what it must be', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(
      `${name} must be an absolute http(s) address, got "${value}"`,
    );
  });
});
