import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { useUnreadCount } from './notifications';

/** The header's way to the inbox, with the unread count. */
export function UnreadLink() {
  const unread = useUnreadCount();
  const count = unread.data ? `${unread.data.count}${unread.data.more ? '+' : ''}` : '…';
  return (
    <Anchor component={Link} to="/notifications" size="sm">
      Inbox ({count} unread)
    </Anchor>
  );
}
