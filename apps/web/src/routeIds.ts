// Route ids shared by routes.tsx and the hooks that read those routes' loader data.
export const ROOT_ROUTE_ID = "root";
export const PROTECTED_ROUTE_ID = "protected";
