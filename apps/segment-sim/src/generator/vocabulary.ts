/** Word lists for realistic names; the generator picks from them with a seeded generator. */
export const PRODUCTS = ['web', 'ios', 'android', 'checkout', 'orders', 'billing', 'marketing-site', 'docs', 'admin', 'partner-api', 'search', 'mobile-web', 'support', 'loyalty', 'catalog', 'payments'];
export const TEAMS = ['growth', 'data', 'platform', 'marketing', 'product', 'finance', 'support', 'sales'];
export const EVENTS = [
  'Order Completed', 'Product Viewed', 'Product Added', 'Product Removed', 'Cart Viewed', 'Checkout Started', 'Checkout Step Completed',
  'Payment Info Entered', 'Coupon Applied', 'Signed Up', 'Signed In', 'Signed Out', 'Account Created', 'Trial Started', 'Subscription Upgraded',
  'Subscription Cancelled', 'Invite Sent', 'Feature Used', 'Search Performed', 'Video Played', 'Article Read', 'Form Submitted', 'Support Ticket Opened',
  'Promotion Viewed', 'Promotion Clicked', 'Wishlist Item Added', 'Review Submitted', 'Referral Sent', 'Notification Opened', 'Settings Changed',
];
export const PROPERTIES = ['order_id', 'revenue', 'currency', 'product_id', 'sku', 'category', 'price', 'quantity', 'coupon', 'plan', 'email', 'referrer', 'campaign', 'variant', 'position', 'url', 'path', 'title', 'search_query', 'step'];
export const FIRST_NAMES = ['Ada', 'Grace', 'Alan', 'Linus', 'Margaret', 'Ken', 'Barbara', 'Dennis', 'Frances', 'Edsger', 'Radia', 'Tim', 'Katherine', 'Guido', 'Hedy', 'John', 'Anita', 'Bjarne', 'Sophie', 'Yukihiro'];
export const LAST_NAMES = ['Lovelace', 'Hopper', 'Turing', 'Torvalds', 'Hamilton', 'Thompson', 'Liskov', 'Ritchie', 'Allen', 'Dijkstra', 'Perlman', 'Berners-Lee', 'Johnson', 'van Rossum', 'Lamarr', 'McCarthy', 'Borg', 'Stroustrup', 'Wilson', 'Matsumoto'];
export const GROUP_NAMES = ['Analytics Engineers', 'Marketing Ops', 'Data Platform', 'Growth Squad', 'Support Leads', 'Finance Analysts', 'Mobile Team', 'Web Team', 'Security', 'Contractors', 'Executives', 'Partner Success'];
export const ROLES: Array<{ name: string; description: string }> = [
  { name: 'Workspace Owner', description: 'Owners have full read and edit access to everything in the workspace.' },
  { name: 'Workspace Member', description: 'Members can view the workspace; access to resources is granted separately.' },
  { name: 'Minimal Workspace Access', description: 'Access to view the workspace. Cannot view any sub resources or make changes to the workspace.' },
  { name: 'Source Admin', description: 'Edit access to assigned Sources, their settings, connected Destinations and write keys.' },
  { name: 'Source Read-only', description: 'Read access to assigned Sources and their connected Destinations.' },
  { name: 'Warehouse Admin', description: 'Edit access to assigned Warehouses.' },
  { name: 'Warehouse Read-only', description: 'Read access to assigned Warehouses.' },
  { name: 'Tracking Plan Admin', description: 'Edit access to Tracking Plans and Protocols.' },
  { name: 'Tracking Plan Read-only', description: 'Read access to Tracking Plans.' },
  { name: 'Functions Admin', description: 'Create, edit and deploy Functions.' },
  { name: 'Functions Read-only', description: 'Read access to Functions.' },
  { name: 'Workspace Billing Admin', description: 'Manage billing and usage.' },
];
