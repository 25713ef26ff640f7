/**
 * Block and action ids as the page and the state builders see them. Slack invents ids for blocks and elements
 * that have none; we use stable positional ones so a rendered element can be found again in the same blocks.
 */
import { asString, type Json } from './escape.js';

export const blockIdOf = (block: Json, index: number): string => asString(block.block_id) || `auto-${index}`;

/** `slot` is the element's position in an actions block, or 'accessory' / 'input'. */
export const actionIdOf = (element: Json, slot: number | 'accessory' | 'input'): string => asString(element.action_id) || `auto-${slot}`;
