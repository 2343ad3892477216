/**
 * The simulator's catalog, written from Segment's catalog documents. Option flags that Segment
 * does not publish (which settings it masks, which it computes itself) are kept here, inside the
 * simulator: the product has to learn them from what the API returns, as it would from Segment.
 */
export interface OptionDef {
  name: string;
  type: 'string' | 'boolean' | 'number' | 'select' | 'array' | 'map' | 'text';
  required?: boolean;
  label?: string;
  description?: string;
  defaultValue?: unknown;
  /** Masked as •••••••••• on read (Segment's "censored" settings). */
  secret?: boolean;
  /** Omitted from reads altogether (warehouse passwords). */
  omitted?: boolean;
  /** Computed by Segment: ignored in writes; a PATCH holding only such settings is a 400. */
  readOnly?: boolean;
}

export interface ActionFieldDef {
  key: string;
  type: 'BOOLEAN' | 'DATETIME' | 'HIDDEN' | 'INTEGER' | 'NUMBER' | 'OBJECT' | 'PASSWORD' | 'STRING' | 'TEXT';
  required?: boolean;
  multiple?: boolean;
  defaultValue?: unknown;
}

export interface ActionDef {
  slug: string;
  name: string;
  platform?: 'CLOUD' | 'MOBILE' | 'WEB';
  defaultTrigger: string | null;
  fields: ActionFieldDef[];
}

export interface DestinationDef {
  name: string;
  slug: string;
  categories: string[];
  website: string;
  options: OptionDef[];
  actions?: ActionDef[];
  methods?: Partial<Record<'pageview' | 'identify' | 'alias' | 'track' | 'group', boolean>>;
  status?: 'PUBLIC' | 'PUBLIC_BETA' | 'DEPRECATED';
}

export interface SourceDef {
  name: string;
  slug: string;
  categories: string[];
  cloud?: boolean;
  /** A warehouse that Reverse ETL models can read from. */
  reverseEtl?: boolean;
  options: OptionDef[];
  /** Support status (v73 `SourceMetadataV1.status`); PUBLIC unless said. */
  status?: 'PUBLIC' | 'PUBLIC_BETA' | 'DEPRECATED';
}

export interface WarehouseDef {
  name: string;
  slug: string;
  description: string;
  options: OptionDef[];
}

const apiKey = (label = 'API Key'): OptionDef => ({ name: 'apiKey', type: 'string', required: true, label, secret: true });
const flag = (name: string, label: string, defaultValue = false): OptionDef => ({ name, type: 'boolean', label, defaultValue });
const text = (name: string, label: string, required = false): OptionDef => ({ name, type: 'string', label, required });

const commonActionFields: ActionFieldDef[] = [
  { key: 'userId', type: 'STRING' },
  { key: 'anonymousId', type: 'STRING' },
  { key: 'timestamp', type: 'DATETIME' },
  { key: 'properties', type: 'OBJECT' },
];

export const SOURCE_DEFS: SourceDef[] = [
  { name: 'Javascript', slug: 'javascript', categories: ['Website'], options: [] },
  { name: 'iOS', slug: 'ios', categories: ['Mobile'], options: [] },
  { name: 'Android', slug: 'android', categories: ['Mobile'], options: [] },
  { name: 'Node.js', slug: 'node-js', categories: ['Server'], options: [] },
  { name: 'Python', slug: 'python', categories: ['Server'], options: [] },
  { name: 'Go', slug: 'go', categories: ['Server'], options: [] },
  { name: 'Java', slug: 'java', categories: ['Server'], options: [] },
  { name: 'Ruby', slug: 'ruby', categories: ['Server'], options: [] },
  { name: 'PHP', slug: 'php', categories: ['Server'], options: [] },
  { name: 'HTTP API', slug: 'http-api', categories: ['Server'], options: [] },
  { name: 'React Native', slug: 'react-native', categories: ['Mobile'], options: [] },
  { name: 'Kotlin', slug: 'kotlin-android', categories: ['Mobile'], options: [] },
  { name: 'Swift', slug: 'swift-ios', categories: ['Mobile'], options: [] },
  { name: 'Flutter', slug: 'flutter', categories: ['Mobile'], options: [] },
  {
    name: 'Stripe',
    slug: 'stripe',
    categories: ['Payments'],
    cloud: true,
    options: [apiKey('Stripe secret key'), text('accountId', 'Account ID')],
  },
  {
    name: 'Zendesk',
    slug: 'zendesk',
    categories: ['Helpdesk'],
    cloud: true,
    options: [
      text('subdomain', 'Subdomain', true),
      text('email', 'Email', true),
      { name: 'token', type: 'string', required: true, label: 'API token', secret: true },
    ],
  },
  {
    name: 'Salesforce',
    slug: 'salesforce',
    categories: ['CRM'],
    cloud: true,
    options: [
      text('instanceUrl', 'Instance URL', true),
      { name: 'refreshToken', type: 'string', required: true, label: 'Refresh token', secret: true },
      flag('sandbox', 'Sandbox'),
    ],
  },
  {
    name: 'HubSpot',
    slug: 'hubspot',
    categories: ['CRM', 'Marketing Automation'],
    cloud: true,
    options: [{ name: 'accessToken', type: 'string', required: true, label: 'Private app token', secret: true }],
  },
  {
    name: 'SendGrid',
    slug: 'sendgrid',
    categories: ['Email'],
    cloud: true,
    options: [apiKey('SendGrid API key')],
  },
  {
    name: 'Intercom',
    slug: 'intercom',
    categories: ['Customer Success'],
    cloud: true,
    options: [{ name: 'accessToken', type: 'string', required: true, label: 'Access token', secret: true }],
  },
  {
    name: 'Facebook Ads',
    slug: 'facebook-ads',
    categories: ['Advertising'],
    cloud: true,
    options: [
      text('adAccountId', 'Ad account', true),
      { name: 'oauthToken', type: 'string', required: true, label: 'OAuth token', secret: true },
    ],
  },
  {
    name: 'Braze',
    slug: 'braze',
    categories: ['Email Marketing'],
    cloud: true,
    options: [],
  },
  {
    name: 'Snowflake',
    slug: 'snowflake-reverse-etl',
    categories: ['Warehouse'],
    reverseEtl: true,
    options: [
      text('account', 'Account', true),
      text('warehouse', 'Warehouse', true),
      text('database', 'Database', true),
      text('username', 'Username', true),
      { name: 'password', type: 'string', required: true, label: 'Password', secret: true },
    ],
  },
  {
    name: 'BigQuery',
    slug: 'bigquery-reverse-etl',
    categories: ['Warehouse'],
    reverseEtl: true,
    options: [
      text('project', 'Project', true),
      { name: 'credentials', type: 'text', required: true, label: 'Service account JSON', secret: true },
    ],
  },
];

export const WAREHOUSE_DEFS: WarehouseDef[] = [
  {
    name: 'Redshift',
    slug: 'redshift',
    description: 'Powered by Amazon Web Services',
    options: [
      text('hostname', 'Hostname', true),
      text('port', 'Port', true),
      text('database', 'Database', true),
      text('username', 'Username', true),
      { name: 'password', type: 'string', required: true, label: 'Password', omitted: true },
    ],
  },
  {
    name: 'Snowflake',
    slug: 'snowflake',
    description: 'Cloud data platform',
    options: [
      text('account', 'Account', true),
      text('warehouse', 'Warehouse', true),
      text('database', 'Database', true),
      text('username', 'Username', true),
      { name: 'password', type: 'string', required: true, label: 'Password', omitted: true },
    ],
  },
  {
    name: 'BigQuery',
    slug: 'bigquery',
    description: 'Google Cloud data warehouse',
    options: [
      text('project', 'Project', true),
      text('location', 'Location'),
      { name: 'credentials', type: 'text', required: true, label: 'Credentials', omitted: true },
    ],
  },
  {
    name: 'Postgres',
    slug: 'postgres',
    description: 'Open source relational database',
    options: [
      text('hostname', 'Hostname', true),
      text('port', 'Port', true),
      text('database', 'Database', true),
      text('username', 'Username', true),
      { name: 'password', type: 'string', required: true, label: 'Password', omitted: true },
    ],
  },
  {
    name: 'Databricks',
    slug: 'databricks',
    description: 'Lakehouse platform',
    options: [
      text('host', 'Server hostname', true),
      text('httpPath', 'HTTP path', true),
      text('catalog', 'Catalog', true),
      { name: 'token', type: 'string', required: true, label: 'Token', omitted: true },
    ],
  },
];

export const DESTINATION_DEFS: DestinationDef[] = [
  {
    name: 'Google Analytics 4 Cloud',
    slug: 'actions-google-analytics-4',
    categories: ['Analytics'],
    website: 'https://marketingplatform.google.com/about/analytics/',
    options: [
      text('measurementId', 'Measurement ID', true),
      { name: 'apiSecret', type: 'string', required: true, label: 'API secret', secret: true },
    ],
    actions: [
      {
        slug: 'purchase',
        name: 'Purchase',
        defaultTrigger: 'event = "Order Completed"',
        fields: [
          { key: 'clientId', type: 'STRING', required: true },
          { key: 'currency', type: 'STRING' },
          { key: 'value', type: 'NUMBER' },
          { key: 'items', type: 'OBJECT', multiple: true },
        ],
      },
      {
        slug: 'pageView',
        name: 'Page View',
        defaultTrigger: 'type = "page"',
        fields: [
          { key: 'clientId', type: 'STRING', required: true },
          { key: 'pageLocation', type: 'STRING' },
        ],
      },
      {
        slug: 'customEvent',
        name: 'Custom Event',
        defaultTrigger: null,
        fields: [
          { key: 'clientId', type: 'STRING', required: true },
          { key: 'name', type: 'STRING', required: true },
          { key: 'params', type: 'OBJECT' },
        ],
      },
      {
        slug: 'addToCart',
        name: 'Add to Cart',
        defaultTrigger: 'event = "Product Added"',
        fields: [
          { key: 'clientId', type: 'STRING', required: true },
          { key: 'items', type: 'OBJECT', multiple: true },
        ],
      },
    ],
  },
  {
    name: 'Amplitude (Actions)',
    slug: 'actions-amplitude',
    categories: ['Analytics'],
    website: 'https://amplitude.com',
    options: [
      apiKey(),
      { name: 'secretKey', type: 'string', required: true, label: 'Secret key', secret: true },
      { name: 'endpoint', type: 'select', label: 'Endpoint region', defaultValue: 'north_america' },
    ],
    actions: [
      {
        slug: 'logEventV2',
        name: 'Log Event V2',
        defaultTrigger: 'type = "track"',
        fields: [...commonActionFields, { key: 'event_type', type: 'STRING', required: true }, { key: 'session_id', type: 'DATETIME' }],
      },
      {
        slug: 'identifyUser',
        name: 'Identify User',
        defaultTrigger: 'type = "identify"',
        fields: [
          { key: 'user_id', type: 'STRING' },
          { key: 'user_properties', type: 'OBJECT' },
        ],
      },
      {
        slug: 'groupIdentifyUser',
        name: 'Group Identify User',
        defaultTrigger: 'type = "group"',
        fields: [
          { key: 'group_type', type: 'STRING', required: true },
          { key: 'group_value', type: 'STRING', required: true },
        ],
      },
      {
        slug: 'logPurchase',
        name: 'Log Purchase',
        defaultTrigger: 'event = "Order Completed"',
        fields: [...commonActionFields, { key: 'revenue', type: 'NUMBER' }],
      },
    ],
  },
  {
    name: 'Mixpanel (Actions)',
    slug: 'actions-mixpanel',
    categories: ['Analytics'],
    website: 'https://mixpanel.com',
    options: [
      text('projectToken', 'Project token', true),
      { name: 'apiSecret', type: 'string', required: true, label: 'Secret key', secret: true },
      { name: 'apiRegion', type: 'select', label: 'Data residency', defaultValue: 'US 🇺🇸' },
    ],
    actions: [
      {
        slug: 'trackEvent',
        name: 'Track Event',
        defaultTrigger: 'type = "track"',
        fields: [...commonActionFields, { key: 'event', type: 'STRING', required: true }],
      },
      {
        slug: 'identifyUser',
        name: 'Identify User',
        defaultTrigger: 'type = "identify"',
        fields: [
          { key: 'user_id', type: 'STRING' },
          { key: 'traits', type: 'OBJECT' },
        ],
      },
      {
        slug: 'trackPurchase',
        name: 'Track Purchase',
        defaultTrigger: 'event = "Order Completed"',
        fields: [...commonActionFields, { key: 'products', type: 'OBJECT', multiple: true }],
      },
    ],
  },
  {
    name: 'Braze Cloud Mode (Actions)',
    slug: 'actions-braze-cloud',
    categories: ['Email Marketing', 'SMS & Push Notifications'],
    website: 'https://www.braze.com',
    options: [
      apiKey(),
      text('app_id', 'App ID', true),
      { name: 'endpoint', type: 'select', required: true, label: 'REST endpoint', defaultValue: 'https://rest.iad-01.braze.com' },
    ],
    actions: [
      {
        slug: 'updateUserProfile',
        name: 'Update User Profile',
        defaultTrigger: 'type = "identify"',
        fields: [
          { key: 'external_id', type: 'STRING' },
          { key: 'email', type: 'STRING' },
          { key: 'custom_attributes', type: 'OBJECT' },
        ],
      },
      {
        slug: 'trackEvent',
        name: 'Track Event',
        defaultTrigger: 'type = "track"',
        fields: [
          { key: 'external_id', type: 'STRING' },
          { key: 'name', type: 'STRING', required: true },
          { key: 'properties', type: 'OBJECT' },
        ],
      },
      {
        slug: 'trackPurchase',
        name: 'Track Purchase',
        defaultTrigger: 'event = "Order Completed"',
        fields: [
          { key: 'external_id', type: 'STRING' },
          { key: 'products', type: 'OBJECT', multiple: true },
        ],
      },
    ],
  },
  {
    name: 'Webhooks (Actions)',
    slug: 'actions-webhook',
    categories: ['Raw Data'],
    website: 'https://segment.com/docs/connections/destinations/catalog/actions-webhook/',
    options: [{ name: 'sharedSecret', type: 'string', label: 'Shared secret', secret: true }],
    actions: [
      {
        slug: 'send',
        name: 'Send',
        defaultTrigger: null,
        fields: [
          { key: 'url', type: 'STRING', required: true },
          { key: 'method', type: 'STRING', required: true, defaultValue: 'POST' },
          { key: 'headers', type: 'OBJECT' },
          { key: 'data', type: 'OBJECT' },
          { key: 'authToken', type: 'PASSWORD' },
        ],
      },
      {
        slug: 'sendBatch',
        name: 'Send Batch',
        defaultTrigger: null,
        fields: [
          { key: 'url', type: 'STRING', required: true },
          { key: 'batch_size', type: 'INTEGER' },
          { key: 'data', type: 'OBJECT' },
        ],
      },
    ],
  },
  {
    name: 'Facebook Conversions API (Actions)',
    slug: 'actions-facebook-conversions-api',
    categories: ['Advertising'],
    website: 'https://developers.facebook.com/docs/marketing-api/conversions-api',
    options: [
      text('pixelId', 'Pixel ID', true),
      { name: 'token', type: 'string', required: true, label: 'Access token', secret: true },
      text('testEventCode', 'Test event code'),
    ],
    actions: [
      {
        slug: 'purchase',
        name: 'Purchase',
        defaultTrigger: 'event = "Order Completed"',
        fields: [
          { key: 'action_source', type: 'STRING', required: true },
          { key: 'currency', type: 'STRING', required: true },
          { key: 'value', type: 'NUMBER', required: true },
          { key: 'user_data', type: 'OBJECT' },
        ],
      },
      {
        slug: 'pageView',
        name: 'Page View',
        defaultTrigger: 'type = "page"',
        fields: [
          { key: 'action_source', type: 'STRING', required: true },
          { key: 'user_data', type: 'OBJECT' },
        ],
      },
      {
        slug: 'addToCart',
        name: 'Add to Cart',
        defaultTrigger: 'event = "Product Added"',
        fields: [
          { key: 'action_source', type: 'STRING', required: true },
          { key: 'user_data', type: 'OBJECT' },
        ],
      },
    ],
  },
  {
    name: 'Salesforce (Actions)',
    slug: 'actions-salesforce',
    categories: ['CRM'],
    website: 'https://www.salesforce.com',
    options: [
      text('instanceUrl', 'Instance URL', true),
      flag('isSandbox', 'Sandbox instance'),
      { name: 'oauthRefreshToken', type: 'string', label: 'Refresh token', secret: true },
    ],
    actions: [
      {
        slug: 'lead',
        name: 'Lead',
        defaultTrigger: 'type = "identify"',
        fields: [
          { key: 'operation', type: 'STRING', required: true },
          { key: 'last_name', type: 'STRING' },
          { key: 'company', type: 'STRING' },
          { key: 'email', type: 'STRING' },
        ],
      },
      {
        slug: 'contact',
        name: 'Contact',
        defaultTrigger: null,
        fields: [
          { key: 'operation', type: 'STRING', required: true },
          { key: 'last_name', type: 'STRING' },
          { key: 'email', type: 'STRING' },
        ],
      },
      {
        slug: 'opportunity',
        name: 'Opportunity',
        defaultTrigger: null,
        fields: [
          { key: 'operation', type: 'STRING', required: true },
          { key: 'close_date', type: 'DATETIME' },
          { key: 'stage_name', type: 'STRING' },
        ],
      },
    ],
  },
  {
    name: 'HubSpot Cloud Mode (Actions)',
    slug: 'actions-hubspot-cloud',
    categories: ['CRM', 'Marketing Automation'],
    website: 'https://www.hubspot.com',
    options: [{ name: 'portalId', type: 'string', label: 'Portal ID', readOnly: true }],
    actions: [
      {
        slug: 'upsertContact',
        name: 'Upsert Contact',
        defaultTrigger: 'type = "identify"',
        fields: [
          { key: 'email', type: 'STRING', required: true },
          { key: 'properties', type: 'OBJECT' },
        ],
      },
      {
        slug: 'sendCustomBehavioralEvent',
        name: 'Custom Behavioral Event',
        defaultTrigger: 'type = "track"',
        fields: [
          { key: 'eventName', type: 'STRING', required: true },
          { key: 'properties', type: 'OBJECT' },
        ],
      },
      {
        slug: 'upsertCompany',
        name: 'Upsert Company',
        defaultTrigger: 'type = "group"',
        fields: [
          { key: 'groupid', type: 'STRING', required: true },
          { key: 'properties', type: 'OBJECT' },
        ],
      },
    ],
  },
  {
    name: 'Customer.io (Actions)',
    slug: 'actions-customerio',
    categories: ['Email Marketing'],
    website: 'https://customer.io',
    options: [
      text('siteId', 'Site ID', true),
      apiKey(),
      { name: 'accountRegion', type: 'select', label: 'Account region', defaultValue: 'US 🇺🇸' },
    ],
    actions: [
      {
        slug: 'createUpdatePerson',
        name: 'Create or Update Person',
        defaultTrigger: 'type = "identify"',
        fields: [
          { key: 'id', type: 'STRING', required: true },
          { key: 'email', type: 'STRING' },
          { key: 'custom_attributes', type: 'OBJECT' },
        ],
      },
      {
        slug: 'trackEvent',
        name: 'Track Event',
        defaultTrigger: 'type = "track"',
        fields: [
          { key: 'id', type: 'STRING' },
          { key: 'name', type: 'STRING', required: true },
          { key: 'data', type: 'OBJECT' },
        ],
      },
    ],
  },
  {
    name: 'Google Ads Conversions',
    slug: 'actions-google-enhanced-conversions',
    categories: ['Advertising'],
    website: 'https://ads.google.com',
    options: [text('customerId', 'Customer ID'), text('conversionTrackingId', 'Conversion ID')],
    actions: [
      {
        slug: 'uploadClickConversion',
        name: 'Upload Click Conversion',
        defaultTrigger: 'event = "Order Completed"',
        fields: [
          { key: 'conversion_action', type: 'INTEGER', required: true },
          { key: 'gclid', type: 'STRING' },
          { key: 'value', type: 'NUMBER' },
        ],
      },
      {
        slug: 'userList',
        name: 'Customer Match User List',
        defaultTrigger: null,
        fields: [
          { key: 'email', type: 'STRING' },
          { key: 'phone', type: 'STRING' },
        ],
      },
    ],
  },
  {
    name: 'Slack (Actions)',
    slug: 'actions-slack',
    categories: ['Raw Data'],
    website: 'https://slack.com',
    options: [],
    actions: [
      {
        slug: 'postToChannel',
        name: 'Post Message',
        defaultTrigger: 'type = "track"',
        fields: [
          { key: 'url', type: 'PASSWORD', required: true },
          { key: 'channel', type: 'STRING' },
          { key: 'text', type: 'TEXT', required: true },
        ],
      },
    ],
  },
  {
    name: 'Iterable (Actions)',
    slug: 'actions-iterable',
    categories: ['Email Marketing'],
    website: 'https://iterable.com',
    options: [apiKey(), { name: 'dataCenterLocation', type: 'select', label: 'Data center', defaultValue: 'united_states' }],
    actions: [
      {
        slug: 'updateUser',
        name: 'Upsert User',
        defaultTrigger: 'type = "identify"',
        fields: [
          { key: 'email', type: 'STRING' },
          { key: 'dataFields', type: 'OBJECT' },
        ],
      },
      {
        slug: 'trackEvent',
        name: 'Custom Event',
        defaultTrigger: 'type = "track"',
        fields: [
          { key: 'eventName', type: 'STRING', required: true },
          { key: 'dataFields', type: 'OBJECT' },
        ],
      },
    ],
  },
  {
    name: 'Google Analytics',
    slug: 'google-analytics',
    categories: ['Analytics'],
    website: 'https://analytics.google.com',
    status: 'DEPRECATED',
    options: [
      text('trackingId', 'Website tracking ID', true),
      flag('anonymizeIp', 'Anonymize IP addresses'),
      flag('enhancedEcommerce', 'Enable enhanced ecommerce'),
      { name: 'dimensions', type: 'map', label: 'Custom dimensions', defaultValue: {} },
      { name: 'reportUncaughtExceptions', type: 'boolean', label: 'Send uncaught exceptions', defaultValue: false },
    ],
  },
  {
    name: 'Amplitude',
    slug: 'amplitude',
    categories: ['Analytics'],
    website: 'https://amplitude.com',
    options: [
      apiKey(),
      { name: 'secretKey', type: 'string', label: 'Secret key', secret: true },
      flag('trackAllPages', 'Track all pages'),
      flag('trackNamedPages', 'Track named pages', true),
      { name: 'traitsToIncrement', type: 'array', label: 'Traits to increment', defaultValue: [] },
    ],
  },
  {
    name: 'Mixpanel',
    slug: 'mixpanel',
    categories: ['Analytics'],
    website: 'https://mixpanel.com',
    options: [
      text('token', 'Token', true),
      { name: 'apiSecret', type: 'string', label: 'API secret', secret: true },
      flag('people', 'Use Mixpanel People'),
      flag('trackAllPages', 'Track all pages'),
      { name: 'superProperties', type: 'array', label: 'Super properties', defaultValue: [] },
    ],
  },
  {
    name: 'Intercom',
    slug: 'intercom',
    categories: ['Customer Success'],
    website: 'https://intercom.com',
    options: [
      text('appId', 'App ID', true),
      { name: 'apiKey', type: 'string', label: 'Access token', secret: true },
      flag('activator', 'Custom inbox button selector'),
      { name: 'richLinkProperties', type: 'array', label: 'Rich link properties', defaultValue: [] },
    ],
  },
  {
    name: 'Hotjar',
    slug: 'hotjar',
    categories: ['Heatmaps & Recordings'],
    website: 'https://www.hotjar.com',
    options: [text('hjid', 'Hotjar ID', true), flag('hjPlaceholderPolyfill', 'Placeholder polyfill', true)],
  },
  {
    name: 'FullStory',
    slug: 'fullstory',
    categories: ['Heatmaps & Recordings'],
    website: 'https://www.fullstory.com',
    options: [text('org', 'FS Org', true), flag('trackAllPages', 'Track all pages'), flag('debug', 'Debug mode')],
  },
  {
    name: 'Optimizely Web',
    slug: 'optimizely-web',
    categories: ['A/B Testing'],
    website: 'https://www.optimizely.com',
    options: [
      flag('trackCategorizedPages', 'Track categorized pages', true),
      flag('trackNamedPages', 'Track named pages', true),
      { name: 'listen', type: 'boolean', label: 'Send experiment data', defaultValue: false },
    ],
  },
  {
    name: 'Google Tag Manager',
    slug: 'google-tag-manager',
    categories: ['Tag Managers'],
    website: 'https://tagmanager.google.com',
    options: [text('containerId', 'Container ID', true), text('environment', 'Environment'), flag('trackAllPages', 'Track all pages')],
  },
  {
    name: 'Facebook Pixel',
    slug: 'facebook-pixel',
    categories: ['Advertising'],
    website: 'https://facebook.com',
    options: [
      text('pixelId', 'Pixel ID', true),
      { name: 'standardEvents', type: 'map', label: 'Map standard events', defaultValue: {} },
      { name: 'legacyEvents', type: 'map', label: 'Legacy conversion events', defaultValue: {} },
      flag('initWithExistingTraits', 'Enable advanced matching'),
    ],
  },
  {
    name: 'Google Ads (Gtag)',
    slug: 'google-adwords-new',
    categories: ['Advertising'],
    website: 'https://ads.google.com',
    options: [
      text('accountId', 'Conversion ID', true),
      { name: 'pageLoadConversions', type: 'array', label: 'Page load conversions', defaultValue: [] },
      { name: 'clickConversions', type: 'array', label: 'Click conversions', defaultValue: [] },
    ],
  },
  {
    name: 'Salesforce Marketing Cloud',
    slug: 'salesforce-marketing-cloud',
    categories: ['Email Marketing'],
    website: 'https://www.salesforce.com/products/marketing-cloud',
    options: [
      text('clientId', 'Client ID', true),
      { name: 'clientSecret', type: 'string', required: true, label: 'Client secret', secret: true },
      text('subdomain', 'Subdomain', true),
      text('accountId', 'Account ID'),
    ],
  },
  {
    name: 'Zendesk',
    slug: 'zendesk',
    categories: ['Helpdesk'],
    website: 'https://www.zendesk.com',
    options: [
      text('subdomain', 'Subdomain', true),
      text('email', 'Email', true),
      { name: 'apiToken', type: 'string', required: true, label: 'API token', secret: true },
    ],
  },
  {
    name: 'Marketo V2',
    slug: 'marketo-v2',
    categories: ['Marketing Automation'],
    website: 'https://www.marketo.com',
    options: [
      text('accountId', 'Munchkin account ID', true),
      text('clientId', 'Client ID', true),
      { name: 'clientSecret', type: 'string', required: true, label: 'Client secret', secret: true },
      { name: 'traits', type: 'array', label: 'Traits', defaultValue: [] },
    ],
  },
  {
    name: 'Appcues',
    slug: 'appcues',
    categories: ['Personalization'],
    website: 'https://www.appcues.com',
    options: [text('appcuesId', 'Appcues ID', true), apiKey(), { name: 'apiSecret', type: 'string', label: 'API secret', secret: true }],
  },
  {
    name: 'Pendo',
    slug: 'pendo',
    categories: ['Analytics'],
    website: 'https://www.pendo.io',
    options: [apiKey(), text('region', 'Region')],
  },
  {
    name: 'Heap',
    slug: 'heap',
    categories: ['Analytics'],
    website: 'https://heap.io',
    options: [text('appId', 'App ID', true), flag('trackAllPages', 'Track all pages')],
  },
  {
    name: 'Vero',
    slug: 'vero',
    categories: ['Email Marketing'],
    website: 'https://www.getvero.com',
    options: [apiKey(), { name: 'authToken', type: 'string', label: 'Auth token', secret: true }],
  },
  {
    name: 'Kissmetrics',
    slug: 'kissmetrics',
    categories: ['Analytics'],
    website: 'https://www.kissmetrics.io',
    options: [apiKey(), flag('trackNamedPages', 'Track named pages', true), flag('prefixProperties', 'Prefix properties', true)],
  },
  {
    name: 'Sentry',
    slug: 'sentry',
    categories: ['Performance Monitoring'],
    website: 'https://sentry.io',
    options: [
      text('config', 'Public DSN', true),
      text('release', 'Release'),
      text('environment', 'Environment'),
      { name: 'ignoreUrls', type: 'array', label: 'Ignore URLs', defaultValue: [] },
    ],
  },
  {
    name: 'Drift',
    slug: 'drift',
    categories: ['Livechat'],
    website: 'https://www.drift.com',
    options: [text('embedId', 'Embed ID', true)],
  },
  {
    name: 'Google Cloud Function',
    slug: 'google-cloud-function',
    categories: ['Raw Data'],
    website: 'https://cloud.google.com/functions',
    options: [text('httpTrigger', 'HTTP trigger', true), { name: 'apiKeys', type: 'array', label: 'API keys', defaultValue: [] }],
  },
  {
    name: 'Amazon Kinesis',
    slug: 'amazon-kinesis',
    categories: ['Raw Data'],
    website: 'https://aws.amazon.com/kinesis/',
    options: [
      text('region', 'AWS region', true),
      text('stream', 'Stream', true),
      text('roleAddress', 'Role address', true),
      { name: 'secretId', type: 'string', label: 'Secret ID', secret: true },
    ],
  },
  {
    name: 'Amazon S3',
    slug: 'amazon-s3',
    categories: ['Raw Data'],
    website: 'https://aws.amazon.com/s3/',
    options: [text('bucket', 'Bucket', true), text('region', 'Region'), flag('useServerSideEncryption', 'Server side encryption')],
  },
  {
    name: 'Google Sheets',
    slug: 'actions-google-sheets',
    categories: ['Raw Data'],
    website: 'https://sheets.google.com',
    options: [],
    actions: [
      {
        slug: 'postSheet',
        name: 'Post Sheet',
        defaultTrigger: 'type = "identify"',
        fields: [
          { key: 'record_identifier', type: 'STRING', required: true },
          { key: 'operation_type', type: 'STRING', required: true },
          { key: 'spreadsheet_id', type: 'STRING', required: true },
          { key: 'fields', type: 'OBJECT', required: true },
        ],
      },
    ],
  },
];
