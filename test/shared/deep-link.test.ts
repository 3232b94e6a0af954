import { expect } from '@open-wc/testing';
import { flowUrl, isBillsPath, parseDeepLink, storeOrigin } from '../../shared/deep-link.js';

describe('store origins', () => {
  it('accepts https origins and http on loopback only', () => {
    expect(storeOrigin('https://shop.example')).to.equal('https://shop.example');
    expect(storeOrigin('https://shop.example:8443')).to.equal('https://shop.example:8443');
    expect(storeOrigin('http://127.0.0.1:4173')).to.equal('http://127.0.0.1:4173');
    expect(storeOrigin('http://localhost:3000')).to.equal('http://localhost:3000');
    for (const bad of [
      'http://shop.example',
      'ftp://shop.example',
      'javascript:alert(1)',
      'data:text/html,x',
      'chrome-extension://abc',
      'null',
      '',
      42,
      null,
    ]) {
      expect(storeOrigin(bad), String(bad)).to.equal(undefined);
    }
  });

  it('refuses anything that is more than an origin', () => {
    for (const bad of [
      'https://shop.example/',
      'https://shop.example/bills',
      'https://user@shop.example',
      'https://shop.example#x',
      'HTTPS://SHOP.EXAMPLE',
    ]) {
      expect(storeOrigin(bad), bad).to.equal(undefined);
    }
  });
});

describe('bills paths', () => {
  it('are absolute same-origin paths', () => {
    expect(isBillsPath('/bills')).to.equal(true);
    expect(isBillsPath('/account/分期')).to.equal(true);
    for (const bad of ['bills', '//evil.example/bills', '/\\evil.example', '/bills?x=1', '/bills#a', '/a b', ''])
      expect(isBillsPath(bad), bad).to.equal(false);
  });
});

describe('deep links', () => {
  it('open the flow on the plan’s own origin and bills path', () => {
    expect(flowUrl('https://shop.example', '/bills', 'repay', 'P-1')).to.equal(
      'https://shop.example/bills#fenqi=repay&plan=P-1',
    );
    expect(flowUrl('http://127.0.0.1:4173', '/bills', 'method', 'a b&c')).to.equal(
      'http://127.0.0.1:4173/bills#fenqi=method&plan=a%20b%26c',
    );
  });

  it('are refused when any part would lead elsewhere', () => {
    expect(flowUrl('https://shop.example', '//evil.example/x', 'repay', 'P')).to.equal(undefined);
    expect(flowUrl('https://shop.example', 'https://evil.example/', 'repay', 'P')).to.equal(undefined);
    expect(flowUrl('http://shop.example', '/bills', 'repay', 'P')).to.equal(undefined);
    // A lone surrogate would make encodeURIComponent throw a URIError: such an id is refused, not thrown on.
    expect(flowUrl('https://shop.example', '/bills', 'repay', 'P\uD800')).to.equal(undefined);
    expect(flowUrl('https://shop.example', '/bills', 'pay' as 'repay', 'P')).to.equal(undefined);
    expect(flowUrl('https://shop.example', '/bills', 'repay', '')).to.equal(undefined);
    expect(flowUrl('https://shop.example', '/bills', 'repay', 'x'.repeat(65))).to.equal(undefined);
  });

  it('are read back by the bill panel as the same flow and plan id', () => {
    for (const [flow, id] of [
      ['repay', 'P-1'],
      ['method', 'a b&c'],
      ['repay', 'x+y=z#%/分期'],
      ['method', 'x'.repeat(64)],
    ] as const) {
      const url = new URL(flowUrl('https://shop.example', '/bills', flow, id)!);
      expect(parseDeepLink(url.hash), id).to.deep.equal({ flow, planId: id });
    }
  });

  it('ask for nothing when the hash is not a fenqi link', () => {
    for (const hash of [
      '',
      '#',
      '#fenqi=pay&plan=P',
      '#fenqi=repay',
      '#fenqi=repay&plan=',
      `#fenqi=repay&plan=${'x'.repeat(65)}`,
      '#plan=P',
    ]) {
      expect(parseDeepLink(hash), hash).to.equal(null);
    }
  });
});
