import type { CategoryView } from './verdict-view';

/** Violated categories by name (with their ids), as text. */
export function CategoryList({ categories }: { categories: CategoryView[] }) {
  if (categories.length === 0) return <p className="muted">No categories named.</p>;
  return (
    <ul className="categories" aria-label="Violated categories">
      {categories.map((category) => (
        <li key={category.id}>
          <span className="category-name">{category.name}</span>
          {category.name !== category.id && <span className="category-id">{category.id}</span>}
        </li>
      ))}
    </ul>
  );
}
