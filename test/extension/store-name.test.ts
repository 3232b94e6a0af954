import { expect } from '@open-wc/testing';
import { announcedStoreName } from '../../extension/content/store-name.js';

/** A page's document with `head` as its <head>. */
const page = (head: string) =>
  new DOMParser().parseFromString(`<!doctype html><html><head>${head}</head><body></body></html>`, 'text/html');

describe("content script: the store's name as its page announces it", () => {
  it('is the application name, else the Open Graph site name', () => {
    const both = '<meta property="og:site_name" content="OG 商城"><meta name="application-name" content="示例商城">';
    expect(announcedStoreName(page(both))).to.equal('示例商城');
    expect(announcedStoreName(page('<meta property="og:site_name" content="OG 商城">'))).to.equal('OG 商城');
    expect(announcedStoreName(page('<META NAME="Application-Name" CONTENT="Shop">'))).to.equal('Shop');
  });

  it('is none when the page announces none, or only invisible text', () => {
    expect(announcedStoreName(page('<title>示例商城</title>'))).to.equal(undefined);
    expect(announcedStoreName(page('<meta name="application-name" content=" \u200B\u202E ">'))).to.equal(undefined);
    expect(announcedStoreName(page('<meta name="application-name">'))).to.equal(undefined);
  });

  it('skips an empty announcement for the next one', () => {
    const head = '<meta name="application-name" content=""><meta property="og:site_name" content="OG 商城">';
    expect(announcedStoreName(page(head))).to.equal('OG 商城');
  });

  it('is cleaned and cut like every page-given text: no direction tricks, no line breaks, 40 characters', () => {
    const tricky = `<meta name="application-name" content="moc.yapila\u202E Pay&#10;Now ${'长'.repeat(50)}">`;
    const name = announcedStoreName(page(tricky))!;
    expect(name.startsWith('moc.yapila Pay Now 长')).to.equal(true, name);
    expect(Array.from(name)).to.have.length(40);
    expect(name.endsWith('…')).to.equal(true);
  });
});
