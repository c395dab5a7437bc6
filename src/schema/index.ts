import { builder } from './builder';
import './blocks';
import './share-links';
import './article';
import './related';
import './section';
import './trending';
import './author';
import './tag';
import './publication';
import './search';
import './feeds';
import './editorial';
import './editorial-mutations';
import './editorial-admin';

export const schema = builder.toSchema({ sortSchema: false });
