import { expect } from '@open-wc/testing';
import { billsPathFrom } from '../../extension/background/messages.js';

describe('bills paths', () => {
  it('are learned from the sender URL only when it is on the same origin, without query or hash', () => {
    expect(billsPathFrom('https://shop.example/my/bills?token=secret#x', 'https://shop.example')).to.equal('/my/bills');
    expect(billsPathFrom('https://evil.example/bills', 'https://shop.example')).to.equal(undefined);
    expect(billsPathFrom(undefined, 'https://shop.example')).to.equal(undefined);
    expect(billsPathFrom('not a url', 'https://shop.example')).to.equal(undefined);
  });
});
