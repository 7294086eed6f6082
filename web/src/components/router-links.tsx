import {
  Anchor,
  Button,
  NavLink,
  type AnchorProps,
  type ButtonProps,
  type NavLinkProps,
} from '@mantine/core';
import { createLink, type LinkComponent } from '@tanstack/react-router';
import type { ComponentPropsWithoutRef, Ref } from 'react';

// Mantine's look with the router's navigation: real <a href> elements, so that links
// open in a new tab, show their address and are announced as links.

type AnchorAttributes<Props> = Props &
  Omit<ComponentPropsWithoutRef<'a'>, keyof Props> & { ref?: Ref<HTMLAnchorElement> };

function NavLinkAnchor(props: AnchorAttributes<NavLinkProps>) {
  return <NavLink component="a" {...props} />;
}

function ButtonAnchor(props: AnchorAttributes<ButtonProps>) {
  return <Button component="a" {...props} />;
}

function TextAnchor(props: AnchorAttributes<AnchorProps>) {
  return <Anchor {...props} />;
}

export const RouterNavLink: LinkComponent<typeof NavLinkAnchor> = createLink(NavLinkAnchor);
export const RouterButton: LinkComponent<typeof ButtonAnchor> = createLink(ButtonAnchor);
export const RouterAnchor: LinkComponent<typeof TextAnchor> = createLink(TextAnchor);
