import { expect } from '@open-wc/testing';
import { deliver } from '../../extension/content/deliver.js';

describe('content script: a page message refused undelivered', () => {
  const refused = () => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'));

  it('is sent again, and the first answer is the one the page gets', async () => {
    let sends = 0;
    const ack = await deliver(() => (++sends < 3 ? refused() : Promise.resolve({ ok: true, sends })));
    expect(ack).to.deep.equal({ ok: true, sends: 3 });
  });

  it('is sent once when it is answered', async () => {
    let sends = 0;
    await deliver(() => Promise.resolve(++sends));
    expect(sends).to.equal(1);
  });

  it('gives up after three refusals with the last error (the page then hears "extension unavailable")', async () => {
    let sends = 0;
    const error = await deliver(() => (sends++, refused())).then(
      () => null,
      (e: unknown) => e,
    );
    expect(sends).to.equal(3);
    expect(String(error)).to.contain('Receiving end does not exist');
  });
});
