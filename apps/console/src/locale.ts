/**
 * Chinese for everything the console shows: dayjs speaks zh-cn (month and weekday names in every
 * picker, weeks starting on Monday as the zh-cn locale says), and the one table of sentences and
 * methodology names shared with the mini-program (libs/contracts) is re-exported from here.
 */
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';

dayjs.locale('zh-cn');

export { METHODOLOGY_NAMES_ZH, methodologyNameZh, sentenceForCode } from '@app/contracts';
