import { expect } from '@open-wc/testing';
describe('smoke', () => {
  it('knows its zone', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).to.be.a('string');
    console.log(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});
