/** es strings for every element (keys from the English messages). */
import type { Messages } from '../localize.ts';

const messages: Messages = {};

export default messages;
