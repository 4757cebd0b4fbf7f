import Taro from '@tarojs/taro';

const KEY = 'citizen.submitted-actions';

export interface SubmittedAction {
  id: string;
  methodology: string;
  submittedAt: string;
}

/** The actions submitted from this phone, newest first, so 明细 can show their status and reason. */
export function submittedActions(): SubmittedAction[] {
  const saved = Taro.getStorageSync(KEY) as SubmittedAction[] | '';
  return Array.isArray(saved) ? saved : [];
}

export function rememberAction(action: SubmittedAction): void {
  const rest = submittedActions().filter((a) => a.id !== action.id);
  Taro.setStorageSync(KEY, [action, ...rest].slice(0, 50));
}

export function forgetActions(): void {
  Taro.removeStorageSync(KEY);
}
