import { openReportForm } from '../../reports/open-report-form';
import { defineHandler } from '../services';

/** Opens the report form with the context a page or an extension page filled in (no screenshot: no gesture). */
export default defineHandler('openReportForm', ({ context }) => openReportForm(context));
