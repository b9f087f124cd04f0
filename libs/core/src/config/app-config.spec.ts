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

describe('the proxies in front of the API (TRUST_PROXY)', () => {
  it('trusts none by default, or when set to false', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: ' ' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
  });

  it.each([
    ['1', 1],
    ['10', 10],
    ['loopback', ['loopback']],
    ['10.0.0.0/8, 192.168.1.20 ,::1', ['10.0.0.0/8', '192.168.1.20', '::1']],
    ['loopback,uniquelocal,linklocal', ['loopback', 'uniquelocal', 'linklocal']],
    ['fd00::/8', ['fd00::/8']],
  ])('takes TRUST_PROXY=%s as %j', (raw, expected) => {
    expect(loadConfig({ TRUST_PROXY: raw }).trustProxy).toEqual(expected);
  });

  it('refuses true, which would believe any address a caller writes', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(
      /^TRUST_PROXY=true would believe any address a caller writes in X-Forwarded-For; give the number of proxies/,
    );
  });

  it.each([
    ['0', /TRUST_PROXY must be the number of proxies .*, got "0"/],
    ['11', /TRUST_PROXY must be the number of proxies .*, got "11"/],
    ['proxy.example.org', /"proxy.example.org" is not an address, a CIDR range or one of loopback/],
    ['10.0.0.0/33', /"10.0.0.0\/33" is not an address/],
    ['10.0.0.1,', /"" is not an address/],
    ['-1', /"-1" is not an address/],
  ])('refuses TRUST_PROXY=%s at start, saying what it must be', (raw, message) => {
    expect(() => loadConfig({ TRUST_PROXY: raw })).toThrow(message);
  });
});

describe('the origins whose pages may read the API (CORS_ORIGINS)', () => {
  it('lets any origin by default, none on request, or the ones named', () => {
    expect(loadConfig({}).corsOrigins).toBe('*');
    expect(loadConfig({ CORS_ORIGINS: ' * ' }).corsOrigins).toBe('*');
    expect(loadConfig({ CORS_ORIGINS: 'none' }).corsOrigins).toBe(false);
    expect(
      loadConfig({ CORS_ORIGINS: 'https://graphics.example.org, http://localhost:8080' })
        .corsOrigins,
    ).toEqual(['https://graphics.example.org', 'http://localhost:8080']);
    // Written as a browser would not send it: the origin it sends.
    expect(
      loadConfig({ CORS_ORIGINS: 'https://Graphics.Example.org/,https://a.example.org:443' })
        .corsOrigins,
    ).toEqual(['https://graphics.example.org', 'https://a.example.org']);
  });

  it.each([
    'graphics.example.org',
    'https://graphics.example.org/charts',
    'https://graphics.example.org/?x=1',
    'https://user@graphics.example.org',
    'ftp://graphics.example.org',
    'https://a.example.org,,https://b.example.org',
  ])('refuses CORS_ORIGINS=%s at start, saying what it must be', (raw) => {
    expect(() => loadConfig({ CORS_ORIGINS: raw })).toThrow(
      /^CORS_ORIGINS must be \*, none or comma-separated origins such as https:\/\/graphics.example.org \(a scheme, host and port, no path\); ".*" is not one$/,
    );
  });
});
