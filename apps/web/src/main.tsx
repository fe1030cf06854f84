import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router/dom";
import { createRouter } from "./routes";
import "./styles.css";

const container = document.getElementById("root");
if (!container) throw new Error('index.html has no element with id "root"');

const router = createRouter();
// Not needed to show the first page: it comes in its own chunk, after.
void import("./auth/sessionWatch").then(({ watchSession }) => watchSession(router));

createRoot(container).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);
