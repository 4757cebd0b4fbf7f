import { View, Text } from '@tarojs/components';
import { methodologyNameZh } from '@libs/contracts/src/messages-zh';

export default function Home() {
  return (
    <View>
      <Text>我的碳账户 {methodologyNameZh('cycling')}</Text>
    </View>
  );
}
