import { takeCapture } from '../../reports/capture-store';
import { defineHandler } from '../services';

/** Hands the report form its screenshot, once. */
export default defineHandler('takeCapture', ({ token }) => ({ dataUrl: takeCapture(token) }));
