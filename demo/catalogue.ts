/**
 * What the demo store sells, at what price. The server prices every order from here: the product page only
 * says which product, how many and which plan, so a page (or anyone posting to /checkout) cannot name its
 * own price.
 */
import type { Fen } from '../shared/plan.js';

export interface Product {
  /** The id the product page posts. */
  id: string;
  name: string;
  /** Unit price in fen. */
  price: Fen;
  /** Most units one order may take. */
  maxQuantity: number;
}

export const CATALOGUE: readonly Product[] = [
  { id: 'xiaomi-14', name: 'Xiaomi 14 12GB+256GB', price: 599900, maxQuantity: 5 },
];

export function findProduct(id: string): Product | undefined {
  return CATALOGUE.find((p) => p.id === id);
}
