import { expect } from '@open-wc/testing';
import { envelope } from '../../shared/bridge.js';
import { handlePageMessage } from '../../extension/background/messages.js';
import { localToday } from '../../shared/dates.js';
import { PAGE_SIZE, showPopup } from '../../extension/popup/popup-view.js';
import { deleteEverything } from '../../extension/storage/snapshot.js';
import { getSettings, saveSettings } from '../../extension/storage/settings.js';
import { useDatabase } from '../../extension/storage/schema.js';
import { pageSender, resetStub, stub } from '../helpers/browser-stub.js';
import { OTHER, plan, SHOP } from './fixtures.js';

/** Resolves once `ready()` holds, checked after each change under `root`. */
function until(root: Element, ready: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (ready()) return resolve();
    const observer = new MutationObserver(() => {
      if (!ready()) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(root, { subtree: true, childList: true, attributes: true });
  });
}

const ids = (root: Element, list: string) =>
  [...root.querySelectorAll<HTMLElement>(`#${list} li.plan`)].map((li) => li.dataset.plan);

describe('the popup', () => {
  let root: HTMLElement;
  before(async () => {
    await useDatabase('fenqi-test-popup');
    await import('../../extension/background/service-worker.js');
  });
  beforeEach(async () => {
    await deleteEverything();
    resetStub();
    await saveSettings({ tracking: true });
    root = document.createElement('main');
    document.body.replaceChildren(root);
  });

  it('says tracking is off instead of listing anything, with one button that turns it on', async () => {
    await saveSettings({ tracking: false });
    await showPopup(root, localToday());
    expect(root.querySelector('.empty')!.textContent).to.contain('Tracking is off');
    expect(root.querySelectorAll('li.plan').length).to.equal(0);
    const turnOn = root.querySelector<HTMLButtonElement>('button#turn-on')!;
    expect(turnOn.textContent).to.equal('Turn on tracking');
    turnOn.click();
    // Through the service worker, as the options page does: the setting is stored, then the (empty) plans shown.
    await until(root, () => root.textContent!.includes('Nothing to pay'));
    expect((await getSettings()).tracking).to.equal(true);
    expect(root.querySelector('button#turn-on')).to.equal(null);
  });

  it('lists overdue plans first, then upcoming ones by date, leaving out paid-off and archived plans', async () => {
    await handlePageMessage(
      envelope('plans', {
        plans: [plan('later', [20]), plan('late', [-1, 29]), plan('paid', [-3], { paid: 1 }), plan('gone', [-9])],
      }),
      pageSender(`${SHOP}/bills`),
    );
    await handlePageMessage(
      envelope('plans', {
        plans: [plan('later', [20]), plan('late', [-1, 29]), plan('paid', [-3], { paid: 1 })],
        store: 'Shop of Examples',
      }),
      pageSender(`${SHOP}/bills`),
    );
    await handlePageMessage(
      envelope('plans', { plans: [plan('oldest', [-4]), plan('soon', [2])] }),
      pageSender(`${OTHER}/b`),
    );
    await showPopup(root, localToday());
    expect(ids(root, 'overdue')).to.deep.equal(['oldest', 'late']);
    expect(ids(root, 'upcoming')).to.deep.equal(['soon', 'later']);
    const late = root.querySelector<HTMLElement>('li[data-plan="late"]')!;
    // The store's name as its page announced it, over the host the browser stamped; a store that announced none
    // shows its host alone.
    expect(late.querySelector('.origin .store-name')!.textContent).to.equal('Shop of Examples');
    expect(late.querySelector('.origin .host')!.textContent).to.equal('shop.example');
    const oldest = root.querySelector<HTMLElement>('li[data-plan="oldest"] .origin')!;
    expect([oldest.querySelector('.store-name'), oldest.textContent]).to.deep.equal([null, 'other.example']);
    expect(late.querySelector('.order')!.textContent).to.equal('Order ORD-late');
    // What is owed now (amountDue): ¥105.00 plus one day's late charge at 0.05 % a day.
    expect(late.querySelector('.amount')!.textContent).to.equal('¥105.05');
    expect(late.querySelector('.when')!.textContent).to.equal('1 day overdue');
    expect(late.querySelector('.progress')!.textContent).to.contain('0 of 2 paid');
  });

  it('asks the service worker to open Repay and Payment method for the plan it shows', async () => {
    await handlePageMessage(envelope('plans', { plans: [plan('A', [2])] }), pageSender(`${SHOP}/my/bills`));
    await showPopup(root, localToday());
    // The popup closes itself once the worker says the tab is open: that is the moment to look.
    const close = window.close;
    const closed = new Promise<void>((resolve) => (window.close = () => resolve()));
    try {
      root.querySelector<HTMLButtonElement>('li[data-plan="A"] button[data-flow="method"]')!.click();
      await closed;
    } finally {
      window.close = close;
    }
    expect(stub.state.opened).to.deep.equal([`${SHOP}/my/bills#fenqi=method&plan=A`]);
  });

  it(`shows ${PAGE_SIZE} plans at a time`, async () => {
    const many = Array.from({ length: PAGE_SIZE + 7 }, (_, i) => plan(`P${String(i).padStart(3, '0')}`, [i % 3]));
    await handlePageMessage(envelope('plans', { plans: many }), pageSender(`${SHOP}/bills`));
    await showPopup(root, localToday());
    expect(root.querySelectorAll('li.plan').length).to.equal(PAGE_SIZE);
    const more = root.querySelector<HTMLButtonElement>('button.more')!;
    more.click();
    // The button hides itself once the last page is on screen.
    await until(root, () => more.hidden === true);
    const shown = [...root.querySelectorAll<HTMLElement>('li.plan')].map((li) => li.dataset.plan);
    expect(shown.length).to.equal(PAGE_SIZE + 7);
    expect(new Set(shown).size).to.equal(PAGE_SIZE + 7);
    expect(more.hidden).to.equal(true);
  });
});
