import { View } from '@tarojs/components';
import { sentenceForCode } from '../../../../../libs/contracts/src/messages-zh';
import type { Schemas } from '../../api/types';
import { formatGrams, formatPoints } from '../../lib/format';
import { actionStatusZh } from '../../lib/terms';

type ActionView = Schemas['ActionViewDto'];

/** Where a submitted action stands: settled grams and points, under review, or why it was refused. */
export function ActionResult({ action }: { action: ActionView }) {
  const settled = action.status === 'settled';
  const rejected = action.status === 'rejected';
  return (
    <View
      className={`notice ${rejected ? 'notice-error' : 'notice-success'}`}
      role="status"
      data-testid="action-result"
      data-status={action.status}
    >
      <View>
        {actionStatusZh(action.status)}
        {settled && action.grams !== null
          ? `：减排 ${formatGrams(action.grams)}，获得 ${formatPoints(action.points ?? '0')}`
          : ''}
      </View>
      {settled && action.capApplied ? (
        <View className="small">
          已按计入上限封顶（核算值 {formatGrams(action.requestedGrams ?? '0')}）。
        </View>
      ) : null}
      {rejected ? <View>{sentenceForCode(action.reasonCode)}</View> : null}
      {action.status === 'review' ? (
        <View className="small">工作人员审核通过后计入，结果可在“明细”中查看。</View>
      ) : null}
      {rejected && action.reasonCode ? <View className="small">代码：{action.reasonCode}</View> : null}
    </View>
  );
}
